import type { DefectArea } from '../contract';

/** A known client defect's area in words, as alert values and the UI name it. Pure: the UI imports it too. */
export const DEFECT_AREA_WORDS: Record<DefectArea, string> = {
  heartbeats: 'Heartbeats',
  'large-messages': 'Large messages',
  acks: 'Acks',
  connection: 'Connections',
};
