'use client';

import type { ProbeState } from '../../server/contract';
import { fmtDateTime, fmtSpan } from '../format';
import { useNowTick } from '../live/LiveStateProvider';
import { LevelBadge } from '../ui/LevelBadge';
import { LINK_WORDS, linkLevel } from './probe-words';

/** "up 12 min", "down 35 s": the probe link's state and how long it has been in it. */
export function LinkBadge({ probe }: { probe: ProbeState }) {
  const now = useNowTick();
  const level = linkLevel(probe);
  const word = LINK_WORDS[probe.state].word;
  return (
    <LevelBadge level={level} title={`Since ${fmtDateTime(probe.since)}`}>
      {probe.state === 'disabled' ? word : `${word} ${fmtSpan(probe.since, null, now)}`}
    </LevelBadge>
  );
}
