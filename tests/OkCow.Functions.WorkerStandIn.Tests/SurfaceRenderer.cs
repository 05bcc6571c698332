using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OkCow.Functions.WorkerStandIn.Tests;

/// <summary>
/// Renders the public (and protected) surface of a type as manifest lines, in the format described
/// at the top of upstream-signatures.txt. Declared members only; inherited members belong to their base type.
/// </summary>
internal static class SurfaceRenderer
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly NullabilityInfoContext Nullability = new();

    public static IEnumerable<string> Render(Type type)
    {
        var name = type.FullName!;
        yield return $"{name} type {TypeModifiers(type)}";

        if (typeof(Attribute).IsAssignableFrom(type))
        {
            yield return $"{name} {UsageLine(type)}";
        }

        foreach (var attribute in type.GetCustomAttributesData().Where(IsSurfaceAttribute))
        {
            yield return $"{name} attribute {RenderAttribute(attribute)}";
        }

        foreach (var ctor in type.GetConstructors(Declared).Where(c => IsVisible(c) && !c.IsStatic))
        {
            yield return $"{name} {Access(ctor)}.ctor({RenderParameters(ctor.GetParameters())})";
        }

        foreach (var property in type.GetProperties(Declared).Where(p => p.GetAccessors(true).Any(IsVisible)))
        {
            yield return $"{name} property {property.Name} {RenderType(Nullability.Create(property))} {Accessors(property)}";
        }

        foreach (var field in type.GetFields(Declared).Where(f => IsVisible(f) && !f.IsSpecialName))
        {
            yield return $"{name} field {RenderField(type, field)}";
        }

        foreach (var method in type.GetMethods(Declared).Where(m => IsVisible(m) && !m.IsSpecialName))
        {
            var modifiers = method.IsStatic ? "static " : method.IsAbstract ? "abstract " : method.IsVirtual ? "virtual " : "";
            yield return $"{name} method {Access(method)}{modifiers}{RenderType(Nullability.Create(method.ReturnParameter))} "
                + $"{method.Name}({RenderParameters(method.GetParameters())})";
        }

        foreach (var evt in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && IsVisible(add)))
        {
            yield return $"{name} event {evt.Name} {evt.EventHandlerType}";
        }
    }

    public static AttributeUsageAttribute? EffectiveUsage(Type type) =>
        type.GetCustomAttribute<AttributeUsageAttribute>(inherit: true);

    private static string UsageLine(Type type)
    {
        var usage = EffectiveUsage(type)!;
        var origin = type.IsDefined(typeof(AttributeUsageAttribute), inherit: false) ? "declared" : "inherited";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"usage {usage.ValidOn} AllowMultiple={usage.AllowMultiple} Inherited={usage.Inherited} {origin}");
    }

    private static string TypeModifiers(Type type)
    {
        var access = type.IsPublic || type.IsNestedPublic ? "public" : "non-public";
        if (type.IsEnum)
        {
            return $"{access} enum : {Enum.GetUnderlyingType(type).FullName}";
        }

        string kind;
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            kind = "delegate";
        }
        else if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsValueType)
        {
            kind = "struct";
        }
        else if (type.IsAbstract && type.IsSealed)
        {
            kind = "static class";
        }
        else if (type.IsAbstract)
        {
            kind = "abstract class";
        }
        else if (type.IsSealed)
        {
            kind = "sealed class";
        }
        else
        {
            kind = "class";
        }

        var baseType = type.IsInterface || type.IsValueType ? null : type.BaseType;
        return baseType is null ? $"{access} {kind}" : $"{access} {kind} : {baseType.FullName}";
    }

    private static bool IsVisible(MethodBase member) => member.IsPublic || member.IsFamily || member.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;

    private static string Access(MethodBase member) => member.IsPublic ? "" : "protected ";

    private static string AccessorAccess(MethodInfo accessor) => accessor switch
    {
        { IsPublic: true } => "",
        { IsFamilyOrAssembly: true } => "protected internal ",
        { IsFamily: true } => "protected ",
        { IsAssembly: true } => "internal ",
        { IsFamilyAndAssembly: true } => "private protected ",
        _ => "private ",
    };

    private static string Accessors(PropertyInfo property)
    {
        var parts = new List<string>();
        if (property.GetMethod is { } getter)
        {
            parts.Add(AccessorAccess(getter) + "get");
        }

        if (property.SetMethod is { } setter)
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            parts.Add(AccessorAccess(setter) + (isInit ? "init" : "set"));
        }

        return string.Join(';', parts);
    }

    private static string RenderParameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p =>
        {
            var prefix = p.IsDefined(typeof(ParamArrayAttribute), false) ? "params " : "";
            var suffix = p.HasDefaultValue ? " = " + RenderValue(p.DefaultValue) : "";
            return $"{prefix}{RenderType(Nullability.Create(p))} {p.Name}{suffix}";
        }));

    private static string RenderField(Type owner, FieldInfo field)
    {
        if (owner.IsEnum)
        {
            var raw = Convert.ToInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{field.Name} = {raw}");
        }

        var modifiers = field.IsLiteral ? " const" : (field.IsStatic ? " static" : "") + (field.IsInitOnly ? " readonly" : "");
        var value = field.IsLiteral ? " = " + RenderValue(field.GetRawConstantValue()) : "";
        return $"{field.Name} {RenderType(Nullability.Create(field))}{modifiers}{value}";
    }

    private static string RenderType(NullabilityInfo info)
    {
        var type = info.Type;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying.FullName + "?";
        }

        var nullableMark = !type.IsValueType && info.ReadState == NullabilityState.Nullable ? "?" : "";
        if (type.IsArray && info.ElementType is { } element)
        {
            return RenderType(element) + "[]" + nullableMark;
        }

        return (type.FullName ?? type.Name) + nullableMark;
    }

    private static bool IsSurfaceAttribute(CustomAttributeData attribute)
    {
        var attributeType = attribute.AttributeType;
        return attributeType != typeof(AttributeUsageAttribute)
            && attributeType.IsPublic
            && attributeType.Namespace != "System.Runtime.CompilerServices";
    }

    private static string RenderAttribute(CustomAttributeData attribute)
    {
        var args = attribute.ConstructorArguments.Select(a => RenderValue(a.Value))
            .Concat(attribute.NamedArguments.Select(n => $"{n.MemberName} = {RenderValue(n.TypedValue.Value)}"));
        return $"{attribute.AttributeType.FullName}({string.Join(", ", args)})";
    }

    private static string RenderValue(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IEnumerable<CustomAttributeTypedArgument> items => "[" + string.Join(", ", items.Select(i => RenderValue(i.Value))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
