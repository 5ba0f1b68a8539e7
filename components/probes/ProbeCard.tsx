import type { ComponentProps } from 'react';
import { TitledCard } from '../ui/TitledCard';

/** A card on the probe page: the probe grid's sizing, and a heading row that wraps its note under the title. */
export function ProbeCard(props: Omit<ComponentProps<typeof TitledCard>, 'className' | 'headClassName'>) {
  return <TitledCard {...props} className="probe-card" headClassName="card-title-row probe-card-head" />;
}
