using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetUsageTracker.Reports
{
    /// <summary>
    /// Writes HTML and inline SVG. Tag and attribute names are the caller's constants; every value and
    /// every text is data and is escaped here, and only here, so an interface named
    /// <c>&lt;script&gt;</c> stays text wherever it lands.
    /// </summary>
    public sealed class MarkupWriter
    {
        private readonly StringBuilder _out;
        private readonly Stack<string> _open = new Stack<string>();
        private bool _inStartTag;

        public MarkupWriter(int capacity = 64 * 1024)
        {
            _out = new StringBuilder(capacity);
        }

        /// <summary>Begins an element: <c>&lt;tag</c>; attributes may follow until content or <see cref="End"/>.</summary>
        public MarkupWriter Start(string tag)
        {
            FinishStartTag();
            _out.Append('<').Append(tag);
            _open.Push(tag);
            _inStartTag = true;
            return this;
        }

        /// <summary>An attribute of the element just started; a null value writes nothing.</summary>
        public MarkupWriter Attr(string name, string? value)
        {
            if (!_inStartTag)
            {
                throw new InvalidOperationException($"Attribute '{name}' outside a start tag.");
            }

            if (value != null)
            {
                _out.Append(' ').Append(name).Append("=\"");
                Escape(value, attribute: true);
                _out.Append('"');
            }

            return this;
        }

        /// <summary>A numeric attribute, written with at most two decimals in the invariant culture.</summary>
        public MarkupWriter Attr(string name, double value) => Attr(name, Number(value));

        /// <summary>Escaped text content.</summary>
        public MarkupWriter Text(string text)
        {
            FinishStartTag();
            Escape(text, attribute: false);
            return this;
        }

        /// <summary>Closes the innermost open element; one without content closes as <c>&lt;tag/&gt;</c> in SVG, <c>&lt;tag&gt;&lt;/tag&gt;</c> otherwise.</summary>
        public MarkupWriter End()
        {
            string tag = _open.Pop();
            if (_inStartTag && IsSvgLeaf(tag))
            {
                _out.Append("/>");
                _inStartTag = false;
                return this;
            }

            FinishStartTag();
            _out.Append("</").Append(tag).Append('>');
            return this;
        }

        /// <summary>A void HTML element such as <c>meta</c>: a start tag with no end tag.</summary>
        public MarkupWriter EndVoid()
        {
            _open.Pop();
            FinishStartTag();
            return this;
        }

        /// <summary>An element holding only text: <c>&lt;tag&gt;text&lt;/tag&gt;</c>.</summary>
        public MarkupWriter Element(string tag, string text) => Start(tag).Text(text).End();

        /// <summary>
        /// Writes markup the report itself holds as a constant (the doctype, the style sheet), never data:
        /// nothing passed here comes from a history, a name or a title.
        /// </summary>
        public MarkupWriter Constant(string markup)
        {
            FinishStartTag();
            _out.Append(markup);
            return this;
        }

        public override string ToString()
        {
            if (_open.Count > 0)
            {
                throw new InvalidOperationException($"Element '{_open.Peek()}' is still open.");
            }

            return _out.ToString();
        }

        /// <summary>A number as an SVG coordinate or length: invariant, at most <paramref name="decimals"/> decimals.</summary>
        public static string Number(double value, int decimals = 2)
        {
            string text = Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
            return text == "-0" ? "0" : text;
        }

        /// <summary>The text as HTML would read it back: &amp;, &lt; and &gt; escaped, and both quotes in attributes.</summary>
        public static string EscapeText(string text, bool attribute)
        {
            var writer = new MarkupWriter(text.Length + 16);
            writer.Escape(text, attribute);
            return writer._out.ToString();
        }

        private void Escape(string text, bool attribute)
        {
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&': _out.Append("&amp;"); break;
                    case '<': _out.Append("&lt;"); break;
                    case '>': _out.Append("&gt;"); break;
                    case '"' when attribute: _out.Append("&quot;"); break;
                    case '\'' when attribute: _out.Append("&#39;"); break;
                    default: _out.Append(c); break;
                }
            }
        }

        private void FinishStartTag()
        {
            if (_inStartTag)
            {
                _out.Append('>');
                _inStartTag = false;
            }
        }

        private static bool IsSvgLeaf(string tag) => tag == "rect" || tag == "line" || tag == "path" || tag == "circle";
    }
}
