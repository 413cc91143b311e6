using System;
using NetUsageTracker.Dashboard;
using Xunit;

namespace NetUsageTracker.Tests.Dashboard
{
    public class ViewInputTests
    {
        private static ConsoleKeyInfo Char(char c) =>
            new ConsoleKeyInfo(c, c >= 'a' && c <= 'z' ? ConsoleKey.A + (c - 'a') : (ConsoleKey)0, false, false, false);

        private static ConsoleKeyInfo Key(ConsoleKey key, char c = '\0', bool control = false) =>
            new ConsoleKeyInfo(c, key, false, false, control);

        private static ViewCommand Type(ViewInput input, string text)
        {
            ViewCommand last = ViewCommand.None;
            foreach (char c in text)
            {
                last = input.Handle(Char(c));
            }

            return last;
        }

        [Fact]
        public void QuitAsksAndOnlyYesLeaves()
        {
            var input = new ViewInput();
            Assert.Equal(ViewCommand.Redraw, input.Handle(Char('q')));
            Assert.Equal(ViewMode.ConfirmExit, input.Mode);
            Assert.Equal(ViewCommand.None, input.Handle(Char('x')));   // anything else keeps asking
            Assert.Equal(ViewCommand.Redraw, input.Handle(Char('n')));
            Assert.Equal(ViewMode.Normal, input.Mode);

            input.Handle(Key(ConsoleKey.Escape, '\u001b'));
            Assert.Equal(ViewMode.ConfirmExit, input.Mode);
            Assert.Equal(ViewCommand.Exit, input.Handle(Char('y')));
        }

        [Fact]
        public void ControlCLeavesAtOnceFromAnyMode()
        {
            var input = new ViewInput();
            Assert.Equal(ViewCommand.Exit, input.Handle(Key(ConsoleKey.C, '\u0003', control: true)));
            input.Handle(Char('l'));
            Assert.Equal(ViewCommand.Exit, input.Handle(Key((ConsoleKey)0, '\u0003')));
        }

        [Fact]
        public void ALimitThatIsNotASizeIsRefusedWithTheReason()
        {
            var input = new ViewInput();
            input.Handle(Char('l'));
            Assert.Equal(ViewMode.EnterLimit, input.Mode);
            Type(input, "abc");
            Assert.Equal("abc", input.Typed);
            Assert.Equal(ViewCommand.Redraw, input.Handle(Key(ConsoleKey.Enter, '\r')));
            Assert.Equal(ViewMode.Normal, input.Mode);
            Assert.Equal("Limit not changed: 'abc' is not a size; write a number with an optional unit, such as 500MB or 1.5GB.", input.Error);

            // The next key clears the reason.
            Assert.Equal(ViewCommand.Redraw, input.Handle(Char('z')));
            Assert.Null(input.Error);
        }

        [Theory]
        [InlineData("1MB", 1048576L)]
        [InlineData("1.5 GB", 1610612736L)]
        [InlineData("500", 500L)]
        public void AValidLimitIsSet(string text, long expected)
        {
            var input = new ViewInput();
            input.Handle(Char('l'));
            foreach (char c in text)
            {
                input.Handle(new ConsoleKeyInfo(c, 0, false, false, false));
            }

            Assert.Equal(ViewCommand.SetLimit, input.Handle(Key(ConsoleKey.Enter, '\r')));
            Assert.Equal(expected, input.NewLimit);
            Assert.Null(input.Error);
        }

        [Theory]
        [InlineData("0", "Limit not changed: The value 0 must be greater than zero.")]
        [InlineData("-5MB", "Limit not changed: The value -5MB must be greater than zero.")]
        [InlineData("", "Limit not changed: The size is empty.")]
        [InlineData("5XB", "Limit not changed: '5XB' has an unknown unit 'XB'; use B, KB, MB, GB, TB or PB.")]
        public void ALimitIsValidatedAsLimitIs(string text, string error)
        {
            var input = new ViewInput();
            input.Handle(Char('l'));
            foreach (char c in text)
            {
                input.Handle(new ConsoleKeyInfo(c, 0, false, false, false));
            }

            input.Handle(Key(ConsoleKey.Enter, '\r'));
            Assert.Equal(error, input.Error);
        }

        [Fact]
        public void BackspaceAndEscapeEditTheLimit()
        {
            var input = new ViewInput();
            input.Handle(Char('l'));
            Type(input, "5GBx");
            input.Handle(Key(ConsoleKey.Backspace, '\b'));
            Assert.Equal("5GB", input.Typed);
            input.Handle(Key(ConsoleKey.Escape, '\u001b'));
            Assert.Equal(ViewMode.Normal, input.Mode);
            Assert.Null(input.Error);

            input.Handle(Char('l'));
            Assert.Equal("", input.Typed);
            Type(input, new string('9', ViewInput.MaxLimitLength + 5));
            Assert.Equal(ViewInput.MaxLimitLength, input.Typed.Length);
        }

        [Theory]
        [InlineData(' ', ViewCommand.TogglePause)]
        [InlineData('u', ViewCommand.ToggleUnit)]
        [InlineData('U', ViewCommand.ToggleUnit)]
        [InlineData('r', ViewCommand.ResetSession)]
        [InlineData('h', ViewCommand.None)]
        public void TheLetterKeysDoWhatTheHelpLineSays(char c, ViewCommand expected)
        {
            Assert.Equal(expected, new ViewInput().Handle(new ConsoleKeyInfo(c, 0, false, false, false)));
        }

        [Theory]
        [InlineData(ConsoleKey.LeftArrow, ViewCommand.SelectPrevious)]
        [InlineData(ConsoleKey.UpArrow, ViewCommand.SelectPrevious)]
        [InlineData(ConsoleKey.RightArrow, ViewCommand.SelectNext)]
        [InlineData(ConsoleKey.DownArrow, ViewCommand.SelectNext)]
        public void ArrowsMoveTheSelection(ConsoleKey key, ViewCommand expected)
        {
            Assert.Equal(expected, new ViewInput().Handle(Key(key)));
        }

        [Fact]
        public void ControlLRepaints()
        {
            Assert.Equal(ViewCommand.Repaint, new ViewInput().Handle(Key(ConsoleKey.L, '\u000C', control: true)));
        }
    }
}
