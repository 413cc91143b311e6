using System.Text;
using NetUsageTracker.Dashboard.Rendering;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class AnsiFrameWriterTests
    {
        private const string Esc = "\u001b";

        private static string Render(AnsiFrameWriter writer, ScreenBuffer? previous, ScreenBuffer current)
        {
            var output = new StringBuilder();
            writer.Render(previous, current, output);
            return output.ToString();
        }

        private static ScreenBuffer Screen(params string[] rows)
        {
            var screen = new ScreenBuffer(TextWidth.Columns(rows[0]), rows.Length);
            for (int y = 0; y < rows.Length; y++)
            {
                screen.Write(0, y, rows[y], CellStyle.Plain);
            }

            return screen;
        }

        [Fact]
        public void TheFirstFrameWritesEveryCellBlanksIncluded()
        {
            string output = Render(new AnsiFrameWriter(colour: false), null, Screen("ab  ", "    ", "   c"));
            Assert.Equal(Esc + "[0m" + Esc + "[1;1Hab  " + Esc + "[2;1H    " + Esc + "[3;1H   c", output);
            Assert.DoesNotContain(Esc + "[2J", output);
        }

        [Fact]
        public void AnUnchangedFrameWritesNothing()
        {
            ScreenBuffer frame = Screen("hello", "world");
            Assert.Equal("", Render(new AnsiFrameWriter(colour: true), Screen("hello", "world"), frame));
        }

        [Fact]
        public void OnlyTheChangedCellIsWritten()
        {
            ScreenBuffer before = Screen("Download 1.00 MB/s", "Upload   2.00 MB/s");
            ScreenBuffer after = Screen("Download 1.00 MB/s", "Upload   2.50 MB/s");
            Assert.Equal(Esc + "[2;12H5", Render(new AnsiFrameWriter(colour: false), before, after));
            Assert.Equal(Esc + "[2;12H" + Esc + "[0m5", Render(new AnsiFrameWriter(colour: true), before, after));
        }

        [Fact]
        public void NearbyChangesAreBridgedAndDistantOnesJumpedTo()
        {
            var writer = new AnsiFrameWriter(colour: false);
            // Two changes three cells apart: one run through the unchanged cells.
            Assert.Equal(Esc + "[1;1HXbcdY", Render(writer, Screen("abcde...........j"), Screen("XbcdY...........j")));
            // Changes far apart: a cursor move for each.
            Assert.Equal(Esc + "[1;1HX" + Esc + "[1;17HZ", Render(writer, Screen("abcde...........j"), Screen("Xbcde...........Z")));
        }

        [Fact]
        public void AStyleChangeIsRewrittenInColourAndIgnoredWithout()
        {
            ScreenBuffer before = Screen("42 %");
            ScreenBuffer after = Screen("42 %");
            after.Write(0, 0, "42", CellStyle.Bad);
            Assert.Equal(Esc + "[1;1H" + Esc + "[0;1;31m42", Render(new AnsiFrameWriter(colour: true), before, after));
            Assert.Equal("", Render(new AnsiFrameWriter(colour: false), before, after));
        }

        [Fact]
        public void WithoutColourNoStyleSequenceIsWritten()
        {
            ScreenBuffer frame = Screen("    ");
            frame.Write(0, 0, "ab", CellStyle.Title);
            frame.Write(2, 0, "cd", CellStyle.Bad);
            string output = Render(new AnsiFrameWriter(colour: false), null, frame);
            Assert.Equal(Esc + "[0m" + Esc + "[1;1Habcd", output);
        }

        [Fact]
        public void AWideCharacterIsWrittenOnceForItsTwoCells()
        {
            ScreenBuffer before = Screen("ab  ");
            ScreenBuffer after = Screen("a中 ");
            Assert.Equal(Esc + "[1;2H中", Render(new AnsiFrameWriter(colour: false), before, after));
            // Back to narrow: both cells are written again.
            Assert.Equal(Esc + "[1;2Hb ", Render(new AnsiFrameWriter(colour: false), after, Screen("ab  ")));
        }

        [Fact]
        public void EveryStyleHasItsOwnColourAndPlainResetsAll()
        {
            var seen = new System.Collections.Generic.HashSet<string>();
            foreach (CellStyle style in System.Enum.GetValues(typeof(CellStyle)))
            {
                string sgr = AnsiFrameWriter.Sgr(style);
                Assert.StartsWith(Esc + "[0", sgr);
                Assert.True(seen.Add(sgr), $"{style} draws like another style");
            }

            Assert.Equal(Esc + "[0m", AnsiFrameWriter.Sgr(CellStyle.Plain));
            Assert.Equal(Esc + "[0;1;31m", AnsiFrameWriter.Sgr(CellStyle.Bad));
            Assert.Equal(Esc + "[0;1;33m", AnsiFrameWriter.Sgr(CellStyle.Warning));
        }

        [Fact]
        public void AResizedFrameIsDrawnWhole()
        {
            string output = Render(new AnsiFrameWriter(colour: false), Screen("ab"), Screen("ab", "cd"));
            Assert.Equal(Esc + "[0m" + Esc + "[1;1Hab" + Esc + "[2;1Hcd", output);
        }
    }
}
