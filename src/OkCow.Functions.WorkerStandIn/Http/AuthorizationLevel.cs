// Compile-only stand-in for extensions/Worker.Extensions.Http/src/AuthorizationLevel.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker;

public enum AuthorizationLevel
{
    Anonymous = 0,
    User = 1,
    Function = 2,
    System = 3,
    Admin = 4,
}
