using System.Linq;
using Xunit;

namespace NetUsageTracker.Tests
{
    /// <summary>Titles and messages that break naive quoting, markup or scripts.</summary>
    public static class AdversarialText
    {
        public static readonly string[] Samples =
        {
            "plain",
            "& < > \" ' \\ %",
            "-leading dash",
            "--",
            "\u2018single\u2019 and \u201Cdouble\u201D quotes",
            "line one\nline two\r\nline three",
            "tab\tand  spaces ",
            "trailing backslash \\",
            "\\\"quoted\\\" \\\\\"",
            "$(Remove-Item x) `n ${env:PATH} @(1) ; | > out.txt",
            "<script>alert('x')</script> &amp; <b>bold</b> ]]> <!--",
            "%PATH% %% ^& !x!",
            "Unicode: \u00E9\u00E8 \u4E2D\u6587 \u0645\u0631\u062D\u0628\u0627 \U0001F4F6\U0001F525",
            new string('x', 1000) + "\u00E9" + new string('<', 999),
            "",
        };

        public static TheoryData<string> Data()
        {
            var data = new TheoryData<string>();
            foreach (string sample in Samples)
            {
                data.Add(sample);
            }

            return data;
        }

        /// <summary>Non-empty samples only (notifications need text).</summary>
        public static TheoryData<string> NonEmpty()
        {
            var data = new TheoryData<string>();
            foreach (string sample in Samples.Where(s => s.Length > 0))
            {
                data.Add(sample);
            }

            return data;
        }
    }
}
