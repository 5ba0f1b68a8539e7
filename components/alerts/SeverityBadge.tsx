import type { Severity } from '../../server/contract';
import { LevelBadge } from '../ui/LevelBadge';
import { SEVERITY_LEVEL, SEVERITY_WORD } from './alert-model';

/** Critical ◆, warning ▲, info ○: the word and the shape say it without the colour. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <LevelBadge level={SEVERITY_LEVEL[severity]}>{SEVERITY_WORD[severity]}</LevelBadge>;
}
