using System;
using System.Text;
using NetUsageTracker.Limits;

namespace NetUsageTracker.Dashboard
{
    /// <summary>What the keys are doing: browsing, answering "Exit? (y/n)", or typing a new limit.</summary>
    public enum ViewMode
    {
        Normal,
        ConfirmExit,
        EnterLimit,
    }

    /// <summary>What a key asks the view to do.</summary>
    public enum ViewCommand
    {
        None,

        /// <summary>Draw again: the prompt or the message line changed.</summary>
        Redraw,

        /// <summary>Clear the screen and draw everything (Ctrl+L).</summary>
        Repaint,
        Exit,
        TogglePause,
        ToggleUnit,
        ResetSession,
        SelectNext,
        SelectPrevious,

        /// <summary>A valid limit was typed: it is in <see cref="ViewInput.NewLimit"/>.</summary>
        SetLimit,
    }

    /// <summary>
    /// The view's keys, as a small state machine with no console behind it: q or Esc asks before leaving
    /// and only y leaves, Ctrl+C leaves at once, l takes a limit typed like -Limit (5GB, '1.5 GB') and
    /// keeps the old one with the reason shown when the text is not a size.
    /// </summary>
    public sealed class ViewInput
    {
        /// <summary>Longer than any size anyone types; keeps the prompt on one line.</summary>
        public const int MaxLimitLength = 32;

        private readonly StringBuilder _typed = new StringBuilder();

        public ViewMode Mode { get; private set; } = ViewMode.Normal;

        /// <summary>The limit text typed so far (EnterLimit).</summary>
        public string Typed => _typed.ToString();

        /// <summary>Why the last limit typed was refused; cleared by the next key.</summary>
        public string? Error { get; private set; }

        /// <summary>The limit of the last SetLimit, in bytes.</summary>
        public long NewLimit { get; private set; }

        public ViewCommand Handle(ConsoleKeyInfo key)
        {
            if (IsControlC(key))
            {
                return ViewCommand.Exit;
            }

            bool hadError = Error != null;
            Error = null;
            ViewCommand command = Mode switch
            {
                ViewMode.ConfirmExit => Confirm(key),
                ViewMode.EnterLimit => Edit(key),
                _ => Browse(key),
            };
            return command == ViewCommand.None && hadError ? ViewCommand.Redraw : command;
        }

        /// <summary>Parses a limit as -Limit takes it: a size (500MB, '1.5 GB', 1024) greater than zero.</summary>
        public static bool TryParseLimit(string text, out long bytes, out string error)
        {
            if (!ByteSize.TryParse(text, out bytes, out error))
            {
                return false;
            }

            if (bytes <= 0)
            {
                error = $"The value {text.Trim()} must be greater than zero.";
                return false;
            }

            return true;
        }

        private static bool IsControlC(ConsoleKeyInfo key) =>
            key.KeyChar == '\u0003' || (key.Key == ConsoleKey.C && (key.Modifiers & ConsoleModifiers.Control) != 0);

        private ViewCommand Browse(ConsoleKeyInfo key)
        {
            if ((key.Key == ConsoleKey.L && (key.Modifiers & ConsoleModifiers.Control) != 0) || key.KeyChar == '\u000C')
            {
                return ViewCommand.Repaint;
            }

            switch (key.Key)
            {
                case ConsoleKey.Escape:
                    return Enter(ViewMode.ConfirmExit);
                case ConsoleKey.LeftArrow:
                case ConsoleKey.UpArrow:
                    return ViewCommand.SelectPrevious;
                case ConsoleKey.RightArrow:
                case ConsoleKey.DownArrow:
                    return ViewCommand.SelectNext;
            }

            switch (char.ToLowerInvariant(key.KeyChar))
            {
                case 'q':
                    return Enter(ViewMode.ConfirmExit);
                case ' ':
                    return ViewCommand.TogglePause;
                case 'u':
                    return ViewCommand.ToggleUnit;
                case 'r':
                    return ViewCommand.ResetSession;
                case 'l':
                    _typed.Clear();
                    return Enter(ViewMode.EnterLimit);
                default:
                    return ViewCommand.None;
            }
        }

        private ViewCommand Confirm(ConsoleKeyInfo key)
        {
            char answer = char.ToLowerInvariant(key.KeyChar);
            if (answer == 'y')
            {
                return ViewCommand.Exit;
            }

            return answer == 'n' || key.Key == ConsoleKey.Escape ? Enter(ViewMode.Normal) : ViewCommand.None;
        }

        private ViewCommand Edit(ConsoleKeyInfo key)
        {
            switch (key.Key)
            {
                case ConsoleKey.Escape:
                    return Enter(ViewMode.Normal);
                case ConsoleKey.Enter:
                    Mode = ViewMode.Normal;
                    if (TryParseLimit(Typed, out long bytes, out string error))
                    {
                        NewLimit = bytes;
                        return ViewCommand.SetLimit;
                    }

                    Error = $"Limit not changed: {error}";
                    return ViewCommand.Redraw;
                case ConsoleKey.Backspace:
                    if (_typed.Length > 0)
                    {
                        _typed.Length--;
                    }

                    return ViewCommand.Redraw;
            }

            if (!char.IsControl(key.KeyChar) && key.KeyChar != '\0' && _typed.Length < MaxLimitLength)
            {
                _typed.Append(key.KeyChar);
                return ViewCommand.Redraw;
            }

            return ViewCommand.None;
        }

        private ViewCommand Enter(ViewMode mode)
        {
            Mode = mode;
            return ViewCommand.Redraw;
        }
    }
}
