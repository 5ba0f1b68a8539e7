'use client';

import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { sortRows, type SortDir, type SortState, type SortValue } from './sort';

export interface Column<T> {
  id: string;
  header: string;
  /** Explains the column on hover: what it measures and in which unit. */
  headerTitle?: string;
  /** Minimum width in px; the table scrolls sideways below the sum of these. */
  width: number;
  /** Share of spare width this column takes (CSS fr); fixed width when absent. */
  grow?: number;
  align?: 'start' | 'end';
  /** Sortable when present. */
  sortValue?: (row: T) => SortValue;
  /** Direction of the first click: numbers usually want largest first. */
  firstSortDir?: SortDir;
  render: (row: T) => ReactNode;
}

/** Attributes spread onto a row element, e.g. `data-testid`. */
export type RowAttributes = Record<`data-${string}`, string>;

interface Props<T> {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  defaultSort: SortState;
  /** Rows that follow all others under any sort (e.g. rabbitpulse's own connections). */
  pinLast?: (row: T) => boolean;
  rowHeight?: number;
  rowAttributes?: (row: T) => RowAttributes;
  rowClassName?: (row: T) => string | undefined;
  onRowClick?: (row: T) => void;
  selectedKey?: string | null;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}

const DEFAULT_ROW_HEIGHT = 32;
/** Rows rendered beyond each edge of the viewport, so fast scrolling does not flash blanks. */
const OVERSCAN = 8;

/**
 * A sortable table that renders only the rows in view: every row has the same
 * height, so the visible slice follows from scrollTop alone and 5,000 rows
 * cost about as much as 40.
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  defaultSort,
  pinLast,
  rowHeight = DEFAULT_ROW_HEIGHT,
  rowAttributes,
  rowClassName,
  onRowClick,
  selectedKey,
  empty,
}: Props<T>) {
  const [sort, setSort] = useState<SortState>(defaultSort);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewportHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const sortColumn = columns.find((c) => c.id === sort.columnId);
  const sorted = useMemo(
    () => (sortColumn?.sortValue ? sortRows(rows, sortColumn.sortValue, sort.dir, pinLast) : rows),
    [rows, sortColumn, sort.dir, pinLast],
  );

  const template = columns.map((c) => (c.grow ? `minmax(${c.width}px, ${c.grow}fr)` : `${c.width}px`)).join(' ');
  const minWidth = columns.reduce((sum, c) => sum + c.width, 0);

  // The header row scrolls with the body (sticky), so it sits inside the scrolled area.
  const bodyHeight = sorted.length * rowHeight;
  const top = Math.min(scrollTop, Math.max(0, bodyHeight + rowHeight - viewportHeight));
  const first = Math.max(0, Math.floor(top / rowHeight) - 1 - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((top + viewportHeight) / rowHeight) + OVERSCAN);

  const toggleSort = (column: Column<T>) => {
    setSort((s) =>
      s.columnId === column.id
        ? { columnId: column.id, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { columnId: column.id, dir: column.firstSortDir ?? 'asc' },
    );
  };

  const visible: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = sorted[i]!;
    const key = rowKey(row);
    visible.push(
      <VirtualRow
        key={key}
        row={row}
        index={i}
        columns={columns}
        template={template}
        rowHeight={rowHeight}
        selected={key === selectedKey}
        extraClass={rowClassName?.(row)}
        attributes={rowAttributes?.(row)}
        onRowClick={onRowClick}
      />,
    );
  }

  return (
    // Capped at its content so a short table does not leave a tall empty box.
    <div
      className="vt"
      role="table"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
      style={sorted.length > 0 ? { maxHeight: bodyHeight + rowHeight + 2, minHeight: Math.min(120, bodyHeight + rowHeight + 2) } : undefined}
    >
      <div className="vt-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(snapScroll(e.currentTarget.scrollTop, rowHeight))}>
        <div className="vt-inner" style={{ minWidth }}>
          <div role="rowgroup" className="vt-head">
            <div role="row" aria-rowindex={1} className="vt-header-row" style={{ gridTemplateColumns: template, height: rowHeight }}>
              {columns.map((c) => {
                const active = c.id === sort.columnId;
                return (
                  <div
                    key={c.id}
                    role="columnheader"
                    aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    className={c.align === 'end' ? 'vt-th vt-cell-end' : 'vt-th'}
                    title={c.headerTitle}
                  >
                    {c.sortValue ? (
                      <button type="button" className={active ? 'vt-sort vt-sort-active' : 'vt-sort'} onClick={() => toggleSort(c)}>
                        <span className="vt-sort-label">{c.header}</span>
                        {active ? (
                          <span className="vt-sort-arrow" aria-hidden="true">
                            {sort.dir === 'asc' ? '▲' : '▼'}
                          </span>
                        ) : null}
                      </button>
                    ) : (
                      <span className="vt-sort-label">{c.header}</span>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
          {sorted.length === 0 ? (
            <div className="vt-empty">{empty}</div>
          ) : (
            <div role="rowgroup" className="vt-body" style={{ height: bodyHeight }}>
              {visible}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * Scroll positions within one row map to the same window, so snapping to
 * whole rows lets React skip renders for the many scroll events per row.
 */
function snapScroll(scrollTop: number, rowHeight: number): number {
  return Math.floor(scrollTop / rowHeight) * rowHeight;
}

interface RowProps<T> {
  row: T;
  index: number;
  columns: readonly Column<T>[];
  template: string;
  rowHeight: number;
  selected: boolean;
  extraClass: string | undefined;
  attributes: RowAttributes | undefined;
  onRowClick: ((row: T) => void) | undefined;
}

/**
 * Memoised so that scrolling renders only the rows that come into view;
 * rows already on screen keep their output until their data changes.
 */
const VirtualRow = memo(function VirtualRow<T>({ row, index, columns, template, rowHeight, selected, extraClass, attributes, onRowClick }: RowProps<T>) {
  const classes = ['vt-row', index % 2 === 1 ? 'vt-row-odd' : '', selected ? 'vt-row-selected' : '', extraClass ?? '', onRowClick ? 'vt-row-clickable' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={onRowClick ? selected : undefined}
      className={classes}
      style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
      onClick={onRowClick ? () => onRowClick(row) : undefined}
      {...attributes}
    >
      {columns.map((c) => (
        <div key={c.id} role="cell" data-col={c.id} className={c.align === 'end' ? 'vt-cell vt-cell-end' : 'vt-cell'}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}, rowPropsEqual) as <T>(props: RowProps<T>) => ReactNode;

/** `attributes` is rebuilt on every render by its caller; compare it by value. */
function rowPropsEqual<T>(a: RowProps<T>, b: RowProps<T>): boolean {
  return (
    a.row === b.row &&
    a.index === b.index &&
    a.columns === b.columns &&
    a.template === b.template &&
    a.rowHeight === b.rowHeight &&
    a.selected === b.selected &&
    a.extraClass === b.extraClass &&
    a.onRowClick === b.onRowClick &&
    shallowEqual(a.attributes, b.attributes)
  );
}

function shallowEqual(a: RowAttributes | undefined, b: RowAttributes | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as Array<keyof RowAttributes>;
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
