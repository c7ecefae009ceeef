"""
Baseline for reelm's exact mode: the frame a player shows at each target time, done the way a
careful PyAV user would.

For each target: seek back to the keyframe at or before it, decode forward with threaded decoding,
and convert only the frame shown at the target (the last frame whose presentation time is <= the
target) to RGB at the benchmark size. Prints one JSON line {frames, seconds, times} and, with
--out-raw, writes the RGB frames back to back so the driver can compare them byte for byte with reelm's.

Run with Debian's /usr/bin/python3 (python3-av links the system libav*, the same ffmpeg reelm runs).
"""

import argparse
import json
import time
from fractions import Fraction

import av


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--times", required=True, help="comma-separated target times in seconds")
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--height", type=int, required=True)
    # reelm scales with ffmpeg's `scale=...:flags=bicubic`; PyAV's reformat defaults to bilinear, so the
    # same interpolation is asked for here, or the identity check would compare two different scalers.
    parser.add_argument("--interpolation", default="BICUBIC")
    parser.add_argument("--out-raw", help="write the rgb24 frames, concatenated in target order, here")
    return parser.parse_args()


def frame_shown_at(container, stream, target):
    """Decodes from the keyframe at or before `target` up to the first frame past it; returns the frame shown at `target`."""
    # Compare exact fractions: at 1 fps the targets fall exactly on frame times, and floats would wobble.
    target_fraction = Fraction(target).limit_denominator(1_000_000)
    container.seek(int(target_fraction / stream.time_base), stream=stream, backward=True, any_frame=False)
    shown = None
    for packet in container.demux(stream):
        for frame in packet.decode():
            if frame.pts is None:
                continue
            if frame.pts * stream.time_base > target_fraction:
                return shown
            shown = frame
    return shown  # the target lies in the last GOP: the last frame decoded is the one shown


def main():
    arguments = parse_arguments()
    targets = [float(value) for value in arguments.times.split(",") if value]
    started = time.perf_counter()
    container = av.open(arguments.input)
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    delivered_times = []
    raw = open(arguments.out_raw, "wb") if arguments.out_raw else None
    for target in targets:
        frame = frame_shown_at(container, stream, target)
        if frame is None:
            continue
        rgb = frame.reformat(width=arguments.width, height=arguments.height, format="rgb24", interpolation=arguments.interpolation)
        pixels = rgb.to_ndarray()  # the conversion a caller needs to use the pixels; counted in the time
        delivered_times.append(float(frame.pts * stream.time_base))
        if raw:
            raw.write(pixels.tobytes())
    # Drain the decoder before closing: closing a frame-threaded H.264 decoder that still holds packets
    # (we stop reading mid-GOP) deadlocks in avcodec_close about one run in four with this libavcodec 59.
    list(stream.codec_context.decode(None))
    container.close()
    seconds = time.perf_counter() - started
    if raw:
        raw.close()
    print(json.dumps({"frames": len(delivered_times), "seconds": seconds, "times": delivered_times}))


if __name__ == "__main__":
    main()
