using System.Collections;

namespace Kida.Runtime.Values;

internal static partial class PyMethods
{
    private static bool IsListMethod(string name) =>
        name is "index" or "count" or "append" or "extend" or "pop" or "insert" or "remove" or "reverse" or "copy"
            or "clear" or "sort";

    private static bool TryCallSequence(IEnumerable seq, string name, CallArguments args, out object? result)
    {
        result = null;
        var items = seq.Cast<object?>().Select(ClrInterop.Normalize).ToList();
        switch (name)
        {
            case "index":
            {
                Arity(name, args, 1, 3);
                var x = args.Get(0, "value");
                var start = NormIndex(args.Get(1, "start"), items.Count, 0);
                var stop = NormIndex(args.Get(2, "stop"), items.Count, items.Count);
                for (var i = start; i < stop; i++)
                    if (PyOps.Eq(items[i], x)) { result = PyOps.Box((long)i); return true; }
                throw new TemplateRuntimeException($"{PyFormat.Repr(x)} is not in {(seq is List<object?> ? "list" : "tuple")}");
            }
            case "count":
            {
                Arity(name, args, 1, 1);
                var x = args.Get(0, "value");
                result = PyOps.Box((long)items.Count(i => PyOps.Eq(i, x)));
                return true;
            }
        }
        return false;
    }

    private static int NormIndex(object? v, int count, int dflt)
    {
        if (v is null or Undefined) return dflt;
        var x = PyOps.ToInt(v);
        if (x < 0) x = Math.Max(0, x + count);
        return (int)Math.Min(x, count);
    }

    private static bool TryCallList(List<object?> list, string name, CallArguments args, out object? result)
    {
        result = null;
        switch (name)
        {
            case "index" or "count":
                return TryCallSequence(list, name, args, out result);
            case "append":
                Arity(name, args, 1, 1);
                list.Add(args.Get(0, "object"));
                return true;
            case "extend":
                Arity(name, args, 1, 1);
                list.AddRange(PyOps.Iterate(args.Get(0, "iterable")).ToList());
                return true;
            case "insert":
            {
                Arity(name, args, 2, 2);
                var i = PyOps.ToInt(args.Get(0, "index"));
                if (i < 0) i = Math.Max(0, i + list.Count);
                list.Insert((int)Math.Min(i, list.Count), args.Get(1, "object"));
                return true;
            }
            case "pop":
            {
                Arity(name, args, 0, 1);
                if (list.Count == 0) throw new TemplateRuntimeException("pop from empty list");
                var i = args.GetInt(0, "index", -1);
                if (i < 0) i += list.Count;
                if (i < 0 || i >= list.Count) throw new TemplateRuntimeException("pop index out of range");
                result = list[(int)i];
                list.RemoveAt((int)i);
                return true;
            }
            case "remove":
            {
                Arity(name, args, 1, 1);
                var x = args.Get(0, "value");
                var at = list.FindIndex(v => PyOps.Eq(v, x));
                if (at < 0) throw new TemplateRuntimeException("list.remove(x): x not in list");
                list.RemoveAt(at);
                return true;
            }
            case "reverse":
                Arity(name, args, 0, 0);
                list.Reverse();
                return true;
            case "clear":
                Arity(name, args, 0, 0);
                list.Clear();
                return true;
            case "copy":
                Arity(name, args, 0, 0);
                result = new List<object?>(list);
                return true;
            case "sort":
            {
                var reverse = args.GetBool(-1, "reverse", false);
                var sorted = Filters.BuiltinFilters.StableSort(list, reverse ? (a, b) => PyOps.Compare(b, a) : (a, b) => PyOps.Compare(a, b));
                list.Clear();
                list.AddRange(sorted);
                return true;
            }
        }
        return false;
    }
}
