using Kida.Examples.WebApp.Models;
using Microsoft.AspNetCore.Mvc;

namespace Kida.Examples.WebApp.Controllers;

/// <summary>A form posting with antiforgery: errors are shown on the form, a valid post redirects to a thank-you page.</summary>
[AutoValidateAntiforgeryToken]
public sealed class ContactController : Controller
{
    [HttpGet("/contact", Name = "contact")]
    public IActionResult Index()
    {
        ViewData["Title"] = "Contact";
        return View(new ContactForm());
    }

    [HttpPost("/contact")]
    public IActionResult Index(ContactForm form)
    {
        ViewData["Title"] = "Contact";
        if (!ModelState.IsValid) return View(form);
        TempData["Sender"] = form.Name;
        return RedirectToRoute("thanks");
    }

    [HttpGet("/contact/thanks", Name = "thanks")]
    public IActionResult Thanks()
    {
        ViewData["Title"] = "Thank you";
        return View();
    }
}
