using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using NetUsageTracker.Limits;
using NetUsageTracker.RecorderProcess;

namespace NetUsageTracker.Commands
{
    /// <summary>
    /// Lets a size parameter take PowerShell size literals (500MB arrives as a number) and strings such
    /// as '1.5GB'. Anything else fails parameter binding with a message that says what a size looks like.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ByteSizeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case string text:
                    if (ByteSize.TryParse(text, out long bytes, out string error))
                    {
                        return bytes;
                    }

                    throw new ArgumentTransformationMetadataException(error);
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                    throw new ArgumentTransformationMetadataException($"'{d}' is not a size.");
                case double d:
                    return Whole(Math.Round(d), value);
                case float f:
                    return Whole(Math.Round((double)f), value);
                case decimal m:
                    // One rule for a number and for its text: beyond a long it is too large, never clamped.
                    return m > long.MaxValue || m < long.MinValue ? throw TooLarge(value) : (long)Math.Round(m);
                case IConvertible c when !(value is bool) && !(value is char) && !(value is DateTime):
                    try
                    {
                        return c.ToInt64(CultureInfo.InvariantCulture);
                    }
                    catch (OverflowException)
                    {
                        throw TooLarge(value);
                    }

                default:
                    throw new ArgumentTransformationMetadataException(
                        $"'{value}' is not a size; write a number of bytes, a size literal such as 500MB, or a string such as '1.5GB'.");
            }
        }

        // 2^63 is the first double past long.MaxValue; a cast there would saturate (or wrap on .NET Framework).
        private static long Whole(double rounded, object value) =>
            rounded >= 9223372036854775808.0 || rounded < -9223372036854775808.0 ? throw TooLarge(value) : (long)rounded;

        private static ArgumentTransformationMetadataException TooLarge(object value) =>
            new ArgumentTransformationMetadataException($"'{Convert.ToString(value, CultureInfo.InvariantCulture)}' is too large for a size.");
    }

    /// <summary>Rejects zero and negative numbers (and TimeSpans), each element of an array, with a plain message.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePositiveAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            object value = element is PSObject pso ? pso.BaseObject : element;
            bool positive = value switch
            {
                TimeSpan t => t > TimeSpan.Zero,
                IConvertible c => c.ToDouble(CultureInfo.InvariantCulture) > 0,
                _ => false,
            };

            if (!positive)
            {
                throw new ValidationMetadataException($"The value {value} must be greater than zero.");
            }
        }
    }

    /// <summary>
    /// An interval (a TimeSpan, or seconds as a number) a recorder or a watch can keep: finite, at most
    /// <see cref="RecorderWait.LongestInterval"/>, and at least <see cref="ShortestSeconds"/> when that is
    /// set. Zero and negative values are <see cref="ValidatePositiveAttribute"/>'s to refuse.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateIntervalAttribute : ValidateArgumentsAttribute
    {
        public ValidateIntervalAttribute(string parameter) => Parameter = parameter;

        /// <summary>The parameter's name in the message ("-Every", "-Interval").</summary>
        public string Parameter { get; }

        /// <summary>The lowest interval accepted, in seconds; 0 accepts any positive interval.</summary>
        public double ShortestSeconds { get; set; }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject pso ? pso.BaseObject : arguments;
            TimeSpan interval;
            switch (value)
            {
                case TimeSpan t:
                    interval = t;
                    break;
                case IConvertible c when !(value is string):
                    double seconds = c.ToDouble(CultureInfo.InvariantCulture);
                    if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds > RecorderWait.LongestInterval.TotalSeconds)
                    {
                        throw new ValidationMetadataException(
                            $"The {Parameter} {value} is out of range: it must be a number of seconds up to {RecorderWait.LongestInterval.TotalSeconds:0} ({RecorderWait.LongestInterval.TotalDays:0} days).");
                    }

                    interval = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    return;
            }

            if (interval <= TimeSpan.Zero)
            {
                return;
            }

            string? error = RecorderWait.CheckInterval(interval, TimeSpan.FromSeconds(ShortestSeconds), Parameter);
            if (error != null)
            {
                throw new ValidationMetadataException(error);
            }
        }
    }

    /// <summary>Checks that every probe endpoint is written as host:port or [IPv6]:port.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEndpointAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            string text = (element is PSObject pso ? pso.BaseObject : element)?.ToString() ?? "";
            if (!Connection.ReachabilityProbe.TryParseEndpoint(text, out _, out _))
            {
                throw new ValidationMetadataException(
                    $"'{text}' is not an endpoint; write host:port, such as 192.0.2.1:443, example.org:80 or [2001:db8::1]:443.");
            }
        }
    }
}
