/** The program watermark's schema (watermark.set, the profile file) and how a partial change merges. */
import * as z from 'zod';
import { DEFAULT_WATERMARK, WATERMARK_ANCHORS, WATERMARK_LIMITS, type Watermark } from '../../shared';

const L = WATERMARK_LIMITS;

export const watermarkFields = {
  enabled: z.boolean(),
  type: z.enum(['image', 'text']),
  file: z.string().max(4096),
  text: z.string().max(L.maxText),
  textColor: z.int().min(0).max(0xffffffff),
  textSize: z.int().min(4).max(L.maxTextSize),
  scale: z.number().min(L.minScale).max(L.maxScale),
  anchor: z.enum(WATERMARK_ANCHORS as [Watermark['anchor'], ...Watermark['anchor'][]]),
  margin: z.int().min(0).max(L.maxMargin),
  opacity: z.number().min(0).max(100),
  safeArea: z.boolean(),
};

/** watermark.set: any subset of the fields, each checked. */
export const watermarkChangeSchema = z.strictObject(watermarkFields).partial();

/** In a saved profile: fields missing from an older file take their defaults. */
export const watermarkFileSchema = z.object({
  enabled: watermarkFields.enabled.default(DEFAULT_WATERMARK.enabled),
  type: watermarkFields.type.default(DEFAULT_WATERMARK.type),
  file: watermarkFields.file.default(DEFAULT_WATERMARK.file),
  text: watermarkFields.text.default(DEFAULT_WATERMARK.text),
  textColor: watermarkFields.textColor.default(DEFAULT_WATERMARK.textColor),
  textSize: watermarkFields.textSize.default(DEFAULT_WATERMARK.textSize),
  scale: watermarkFields.scale.default(DEFAULT_WATERMARK.scale),
  anchor: watermarkFields.anchor.default(DEFAULT_WATERMARK.anchor),
  margin: watermarkFields.margin.default(DEFAULT_WATERMARK.margin),
  opacity: watermarkFields.opacity.default(DEFAULT_WATERMARK.opacity),
  safeArea: watermarkFields.safeArea.default(DEFAULT_WATERMARK.safeArea),
});

export function mergeWatermark(current: Watermark | undefined, change: Partial<Watermark>): Watermark {
  return { ...DEFAULT_WATERMARK, ...current, ...change };
}
