/**
 * The 80 object classes of COCO 2017 detection, in the order detectors trained on it number them
 * (class 0 is `person`). Names as the COCO dataset spells them (source: the COCO 2017 annotations'
 * `categories`, with the 11 unused ids of the 91-id scheme left out).
 */

export const cocoLabels = Object.freeze([
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle',
  'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
  'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'bed',
  'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave', 'oven',
  'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush',
] as const);

export type CocoLabel = (typeof cocoLabels)[number];

/** The label of a class index, or `class-N` for an index outside COCO's 80. */
export function cocoLabel(classIndex: number): string {
  return cocoLabels[classIndex] ?? `class-${classIndex}`;
}
