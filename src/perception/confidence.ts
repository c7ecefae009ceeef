/**
 * Where a perception confidence comes from, so a number is never shown without its meaning.
 */

export type ConfidenceSourceKind =
  /** The detector's or recognizer's own class/character score. */
  | 'model-score'
  /** Fraction of analysed frames in the span where the signal was present. */
  | 'frame-fraction'
  /** A measurement, not a guess (loudness, a cut from the scene score). */
  | 'measured';
