namespace OkCow.Domain.Common;

/// <summary>The stable, machine-readable error codes of SPEC §2.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string NotFound = "NOT_FOUND";
    public const string LoginIdTaken = "LOGIN_ID_TAKEN";
    public const string InsufficientCash = "INSUFFICIENT_CASH";
    public const string InsufficientUnits = "INSUFFICIENT_UNITS";
    public const string InsufficientFundCash = "INSUFFICIENT_FUND_CASH";
    public const string AmountBelowNav = "AMOUNT_BELOW_NAV";
    public const string FundIlliquid = "FUND_ILLIQUID";
    public const string InvalidTick = "INVALID_TICK";
    public const string PriceOutOfBand = "PRICE_OUT_OF_BAND";
    public const string MarketHalted = "MARKET_HALTED";
    public const string OrderNotOpen = "ORDER_NOT_OPEN";
    public const string ConcurrencyConflict = "CONCURRENCY_CONFLICT";
    public const string DuplicateRequest = "DUPLICATE_REQUEST";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>A royalty is still being paid out; the next one waits until it completes (SPEC §10).</summary>
    public const string RoyaltyInProgress = "ROYALTY_IN_PROGRESS";

    /// <summary>What a command would write does not fit one atomic append; nothing was written.</summary>
    public const string AppendTooLarge = "APPEND_TOO_LARGE";

    /// <summary>An account is erased only once it holds no cash, no units and no open business (SPEC §9).</summary>
    public const string AccountNotEmpty = "ACCOUNT_NOT_EMPTY";

    /// <summary>The investor's events still hold personal data in clear (written before sealing); run the upgrade first.</summary>
    public const string PersonalDataNotUpgraded = "PERSONAL_DATA_NOT_UPGRADED";
}
