using System.ComponentModel.DataAnnotations;

namespace Kida.Examples.WebApp.Models;

/// <summary>The contact form's fields, validated by data annotations.</summary>
public sealed class ContactForm
{
    [Required(ErrorMessage = "Please tell us your name.")]
    [StringLength(60, ErrorMessage = "A name of at most 60 characters, please.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "We need an e-mail address to answer.")]
    [EmailAddress(ErrorMessage = "That does not look like an e-mail address.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "The message is empty.")]
    [StringLength(2000, MinimumLength = 10, ErrorMessage = "Write at least 10 characters.")]
    public string? Message { get; set; }
}
