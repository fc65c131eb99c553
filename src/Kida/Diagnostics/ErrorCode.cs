namespace Kida.Diagnostics;

/// <summary>Stable error codes, byte-identical to Kida's (<c>K-{AREA}-NNN</c>), so users can search for them.</summary>
public static class ErrorCode
{
    public const string LexerError = "K-LEX-001";
    public const string UnexpectedToken = "K-PAR-001";
    public const string UnclosedBlock = "K-PAR-002";
    public const string UnknownTag = "K-PAR-003";
    public const string UnknownFilter = "K-PAR-004";
    public const string UnknownTest = "K-PAR-005";
    public const string InvalidAssignment = "K-PAR-006";
    public const string UndefinedVariable = "K-RUN-001";
    public const string RequiredValue = "K-RUN-004";
    public const string RuntimeError = "K-RUN-007";
    public const string DepthExceeded = "K-RUN-010";
    public const string TypeMismatch = "K-RUN-011";
    public const string NoLoader = "K-RUN-016";
    public const string TemplateNotFound = "K-TPL-001";
    public const string TemplateSyntax = "K-TPL-002";
    public const string SecurityViolation = "K-SEC-001";
    public const string FilterAfterCoalesce = "K-WARN-001";
    public const string SetReadAfterBlock = "K-WARN-002";
}
