using System.Text;
using NetUsageTracker.Dashboard.Rendering;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class ScreenBufferTests
    {
        private static string Row(ScreenBuffer screen, int y)
        {
            var text = new StringBuilder();
            for (int x = 0; x < screen.Width; x++)
            {
                char c = screen[x, y].Char;
                text.Append(c == Cell.Continuation ? '|' : c);
            }

            return text.ToString();
        }

        [Fact]
        public void TextThatDoesNotFitIsCutWithAnEllipsis()
        {
            var screen = new ScreenBuffer(10, 2);
            Assert.Equal(10, screen.Write(0, 0, "0123456789abc", CellStyle.Plain));
            Assert.Equal("012345678…", Row(screen, 0));
            Assert.Equal(4, screen.Write(2, 1, "abcdef", CellStyle.Plain, maxColumns: 4));
            Assert.Equal("  abc…    ", Row(screen, 1));
        }

        [Fact]
        public void WritingOutsideTheScreenIsClipped()
        {
            var screen = new ScreenBuffer(4, 1);
            Assert.Equal(0, screen.Write(4, 0, "x", CellStyle.Plain));
            Assert.Equal(0, screen.Put(-1, 0, 'x', CellStyle.Plain));
            Assert.Equal(0, screen.Put(0, 1, 'x', CellStyle.Plain));
            Assert.Equal(2, screen.WriteRight(4, 0, "ab", CellStyle.Plain));
            Assert.Equal("  ab", Row(screen, 0));
        }

        [Fact]
        public void AWideCharacterTakesTwoCellsAndLosesBothHalvesWhenOverwritten()
        {
            var screen = new ScreenBuffer(6, 1);
            Assert.Equal(5, screen.Write(0, 0, "以太a", CellStyle.Plain));
            Assert.Equal("以|太|a ", Row(screen, 0));

            screen.Put(1, 0, 'x', CellStyle.Plain);   // the right half of 以
            Assert.Equal(" x太|a ", Row(screen, 0));
            screen.Put(2, 0, 'y', CellStyle.Plain);   // the left half of 太
            Assert.Equal(" xy a ", Row(screen, 0));

            // A wide character that would stick out of the screen is not drawn.
            Assert.Equal(0, screen.Put(5, 0, '網', CellStyle.Plain));
        }

        [Fact]
        public void ControlCharactersAndLoneSurrogatesCannotReachTheTerminal()
        {
            var screen = new ScreenBuffer(8, 1);
            screen.Write(0, 0, "a\u001b[2J\ud800", CellStyle.Plain);
            Assert.Equal("a?[2J?  ", Row(screen, 0));
        }

        [Fact]
        public void CombiningMarksTakeNoCell()
        {
            Assert.Equal(0, TextWidth.Of('\u0301'));
            Assert.Equal(2, TextWidth.Of('中'));
            Assert.Equal(1, TextWidth.Of('█'));
            Assert.Equal(5, TextWidth.Columns("ab中c"));
        }
    }
}
