using Kida.Runtime.Values;
using Microsoft.Extensions.AI;

namespace Kida.ChatTemplates;

/// <summary>
/// Converts <c>Microsoft.Extensions.AI</c> tools into transformers' tool schema — what
/// <c>transformers.utils.get_json_schema</c> produces and chat templates read from <c>tools</c>:
/// <c>{"type": "function", "function": {"name": Name, "description": Description, "parameters": JsonSchema}}</c>, with
/// <c>parameters</c> the function's <see cref="AIFunctionDeclaration.JsonSchema"/> as an ordered dictionary.
/// </summary>
public static class ChatTools
{
    /// <summary>Converts tools (functions, or function declarations without an implementation).</summary>
    /// <param name="tools">The tools, e.g. <c>ChatOptions.Tools</c>.</param>
    /// <returns>The list for <see cref="ChatTemplateOptions.Tools"/>.</returns>
    /// <exception cref="ChatInputException">A tool is not a function (a hosted tool such as web search has no schema a template could show).</exception>
    public static IReadOnlyList<object?> From(IEnumerable<AITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var result = new List<object?>();
        foreach (var tool in tools)
        {
            if (tool is not AIFunctionDeclaration function)
                throw new ChatInputException($"Tool '{tool?.Name}' is a {tool?.GetType().Name}, not a function: only functions (AIFunction, AIFunctionDeclaration) have a schema for chat templates.");
            var function_ = new PyDict
            {
                ["name"] = function.Name,
                ["description"] = function.Description ?? "",
                ["parameters"] = ChatJson.Convert(function.JsonSchema),
            };
            result.Add(new PyDict { ["type"] = "function", ["function"] = function_ });
        }
        return result;
    }
}
