// Compile-only stand-in for extensions/Worker.Extensions.Abstractions/src/FunctionAttribute.cs @ fb1133321b86bbec32ee8dbdf22905f06b79ea51

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name) => Name = name;

    public string Name { get; }
}
