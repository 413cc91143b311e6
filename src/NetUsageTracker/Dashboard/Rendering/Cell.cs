namespace NetUsageTracker.Dashboard.Rendering
{
    /// <summary>What a cell is drawn as; the writer turns each into colours, or into nothing without colour.</summary>
    public enum CellStyle : byte
    {
        Plain,
        Title,
        Heading,
        Dim,
        Received,
        Sent,
        Good,
        Warning,
        Bad,
        Selected,
        Prompt,
    }

    /// <summary>One character cell of the screen.</summary>
    public struct Cell
    {
        /// <summary>The right half of a double-width character: the terminal draws it with the left half.</summary>
        public const char Continuation = '\0';

        public Cell(char character, CellStyle style)
        {
            Char = character;
            Style = style;
        }

        public char Char;

        public CellStyle Style;
    }
}
