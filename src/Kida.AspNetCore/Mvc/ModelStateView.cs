using Kida.Runtime.Values;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kida.AspNetCore.Mvc;

/// <summary>
/// <c>model_state</c> in an MVC view: <c>is_valid</c>, <c>errors</c> (field name → list of messages, only fields with
/// errors; <c>""</c> for model-level errors) and <c>messages</c> (every message, in order).
/// </summary>
/// <example><code>{% for message in model_state.errors.Email %}&lt;p class="error"&gt;{{ message }}&lt;/p&gt;{% endfor %}</code></example>
public sealed class ModelStateView : IPyAttributes
{
    private readonly ModelStateDictionary _state;
    private Dictionary<string, object?>? _errors;

    /// <summary>Wraps the action's model state.</summary>
    /// <param name="state">The model state.</param>
    public ModelStateView(ModelStateDictionary state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    /// <inheritdoc />
    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "is_valid": value = _state.IsValid; return true;
            case "errors": value = Errors(); return true;
            case "messages": value = Errors().Values.SelectMany(v => (List<object?>)v!).ToList(); return true;
            default: value = null; return false;
        }
    }

    private Dictionary<string, object?> Errors()
    {
        if (_errors is not null) return _errors;
        var errors = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, entry) in _state)
        {
            if (entry.Errors.Count == 0) continue;
            errors[key] = entry.Errors.Select(e => (object?)(string.IsNullOrEmpty(e.ErrorMessage) ? e.Exception?.Message ?? "invalid value" : e.ErrorMessage)).ToList();
        }
        return _errors = errors;
    }
}
