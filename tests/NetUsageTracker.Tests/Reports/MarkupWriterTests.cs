using System;
using NetUsageTracker.Reports;
using Xunit;

namespace NetUsageTracker.Tests.Reports
{
    public class MarkupWriterTests
    {
        [Fact]
        public void TextAndAttributesAreEscaped()
        {
            string html = new MarkupWriter().Start("p").Attr("title", "\"><script>alert('x')</script>&").Text("<script>alert(1)</script> & more").End().ToString();
            Assert.Equal("<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>", html);
        }

        [Theory]
        [MemberData(nameof(AdversarialText.Data), MemberType = typeof(AdversarialText))]
        public void NoSampleLeavesItsElementOrAttribute(string sample)
        {
            string html = new MarkupWriter().Start("span").Attr("data-x", sample).Text(sample).End().ToString();
            string inner = html.Substring(html.IndexOf('>') + 1, html.Length - html.IndexOf('>') - 1 - "</span>".Length);
            Assert.DoesNotContain("<", inner);
            Assert.DoesNotContain(">", inner);
            string attribute = html.Substring(0, html.IndexOf('>'));
            Assert.Equal(2, attribute.Split('"').Length - 1);
            Assert.Equal(sample, System.Net.WebUtility.HtmlDecode(inner));
        }

        [Fact]
        public void SvgShapesCloseThemselvesAndHtmlElementsGetEndTags()
        {
            string markup = new MarkupWriter().Start("g").Start("rect").Attr("x", 1.004).Attr("width", 2).End().Start("text").End().End().ToString();
            Assert.Equal("<g><rect x=\"1\" width=\"2\"/><text></text></g>", markup);
        }

        [Fact]
        public void NullAttributesAreLeftOut() =>
            Assert.Equal("<a>x</a>", new MarkupWriter().Start("a").Attr("href", null).Text("x").End().ToString());

        [Theory]
        [InlineData(1.23456, 2, "1.23")]
        [InlineData(-0.0001, 2, "0")]
        [InlineData(12, 2, "12")]
        [InlineData(1.13194, 4, "1.1319")]
        public void NumbersAreInvariantAndShort(double value, int decimals, string text) =>
            Assert.Equal(text, MarkupWriter.Number(value, decimals));

        [Fact]
        public void AnElementLeftOpenIsAnError() =>
            Assert.Throws<InvalidOperationException>(() => new MarkupWriter().Start("p").ToString());
    }
}
