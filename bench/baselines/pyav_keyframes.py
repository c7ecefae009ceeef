"""
Baseline for reelm's keyframe mode: each target snaps to its nearest keyframe and only keyframes are
decoded, done the way a careful PyAV user would.

To be fair to reelm (which indexes packets with ffprobe before choosing frames), this first reads the
keyframe index by demuxing packets without decoding them. Then, per target: seek to the nearest
keyframe, decode that one frame with non-keyframes skipped, and convert it to RGB at the benchmark
size. Prints one JSON line {frames, seconds, times, indexSeconds}.

Run with Debian's /usr/bin/python3 (python3-av links the system libav*, the same ffmpeg reelm runs).
"""

import argparse
import bisect
import json
import time

import av


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--times", required=True, help="comma-separated target times in seconds")
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--height", type=int, required=True)
    parser.add_argument("--interpolation", default="BICUBIC")
    parser.add_argument("--out-raw", help="write the rgb24 frames, concatenated in target order, here")
    return parser.parse_args()


def keyframe_pts(path):
    """Presentation timestamps of the video keyframes, sorted, read by demuxing alone."""
    with av.open(path) as container:
        stream = container.streams.video[0]
        return sorted(packet.pts for packet in container.demux(stream) if packet.is_keyframe and packet.pts is not None)


def nearest(sorted_values, value):
    position = bisect.bisect_left(sorted_values, value)
    candidates = sorted_values[max(0, position - 1) : position + 1]
    return min(candidates, key=lambda candidate: abs(candidate - value))


def decode_keyframe(container, stream, pts):
    """Seeks onto the keyframe at `pts` and decodes it alone."""
    container.seek(pts, stream=stream, backward=True, any_frame=False)  # also flushes the decoder
    for packet in container.demux(stream):
        if packet.pts is None:
            continue
        # Send the keyframe, then drain: the decoder hands the picture over now instead of waiting
        # for the packets its reordering (and frame threads) would otherwise hold it back for.
        frames = list(packet.decode()) + list(stream.codec_context.decode(None))
        return frames[0] if frames else None
    return None


def main():
    arguments = parse_arguments()
    targets = [float(value) for value in arguments.times.split(",") if value]
    started = time.perf_counter()
    keyframes = keyframe_pts(arguments.input)
    index_seconds = time.perf_counter() - started
    container = av.open(arguments.input)
    stream = container.streams.video[0]
    stream.codec_context.skip_frame = "NONKEY"
    delivered_times = []
    raw = open(arguments.out_raw, "wb") if arguments.out_raw else None
    decoded = {}  # keyframe pts -> (time, pixels): targets that snap to the same keyframe decode it once
    for target in targets:
        pts = nearest(keyframes, round(target / stream.time_base))
        if pts not in decoded:
            frame = decode_keyframe(container, stream, pts)
            if frame is None:
                continue
            pixels = frame.reformat(width=arguments.width, height=arguments.height, format="rgb24", interpolation=arguments.interpolation).to_ndarray()
            decoded[pts] = (float(frame.pts * stream.time_base), pixels)
        delivered_time, pixels = decoded[pts]
        delivered_times.append(delivered_time)
        if raw:
            raw.write(pixels.tobytes())
    container.close()
    seconds = time.perf_counter() - started
    if raw:
        raw.close()
    print(json.dumps({"frames": len(delivered_times), "seconds": seconds, "indexSeconds": index_seconds, "times": delivered_times}))


if __name__ == "__main__":
    main()
