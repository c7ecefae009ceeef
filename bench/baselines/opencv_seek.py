"""
Baseline: the common OpenCV recipe for frames at times. Per target, set the position in
milliseconds (OpenCV's FFmpeg backend seeks to the keyframe before it and decodes forward), read one
frame, and resize it to the benchmark size. Prints one JSON line {frames, seconds, times}.

Run with Debian's /usr/bin/python3 (python3-opencv links the system libav*).
"""

import argparse
import json
import time

import cv2


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--times", required=True, help="comma-separated target times in seconds")
    parser.add_argument("--width", type=int, required=True)
    parser.add_argument("--height", type=int, required=True)
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    targets = [float(value) for value in arguments.times.split(",") if value]
    started = time.perf_counter()
    capture = cv2.VideoCapture(arguments.input, cv2.CAP_FFMPEG)
    if not capture.isOpened():
        raise SystemExit(f"OpenCV could not open {arguments.input}")
    delivered_times = []
    for target in targets:
        capture.set(cv2.CAP_PROP_POS_MSEC, target * 1000)
        ok, frame = capture.read()
        if not ok:
            continue
        # After read, POS_MSEC is the presentation time of the frame just read.
        delivered_times.append(capture.get(cv2.CAP_PROP_POS_MSEC) / 1000)
        cv2.cvtColor(cv2.resize(frame, (arguments.width, arguments.height), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2RGB)
    capture.release()
    print(json.dumps({"frames": len(delivered_times), "seconds": time.perf_counter() - started, "times": delivered_times}))


if __name__ == "__main__":
    main()
