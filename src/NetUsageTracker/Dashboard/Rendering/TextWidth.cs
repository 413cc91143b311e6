using System.Globalization;

namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>How many terminal columns a character takes: 2 for East Asian wide and full-width ones, 0 for combining marks.</summary>
    public static class TextWidth
    {
        public static int Of(char c)
        {
            if (c < 0x300)
            {
                return 1;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark || category == UnicodeCategory.EnclosingMark || category == UnicodeCategory.Format)
            {
                return 0;
            }

            return IsWide(c) ? 2 : 1;
        }

        public static int Columns(string text)
        {
            int columns = 0;
            foreach (char c in text)
            {
                columns += Of(c);
            }

            return columns;
        }

        // The wide ranges of Unicode's East Asian Width property that hold letters people use in names.
        private static bool IsWide(char c) =>
            (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
            || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
            || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
            || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
    }
}
