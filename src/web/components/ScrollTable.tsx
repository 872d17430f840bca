import { Table, Text } from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Which sides of a scrolling region have more to show. */
interface Edges {
  before: boolean;
  after: boolean;
}

/**
 * A wide table (or a drawing too small to read when shrunk, such as the neighbourhood map) that
 * scrolls sideways on small screens. The scrolling region can take focus,
 * so people using a keyboard can scroll it too. When the table is wider than the screen, a line
 * above it says it scrolls sideways (and the region is described by it), and a soft shadow shows
 * on the side where columns are hidden. A table that fits shows neither.
 */
export function ScrollTable({
  label,
  minWidth,
  hint,
  children,
}: {
  label: string;
  minWidth: number;
  /** What the sideways hint says; by default that there are more columns. */
  hint?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const region = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ before: false, after: false });

  const measure = useCallback(() => {
    const element = region.current;
    if (!element) return;
    const hidden = element.scrollWidth - element.clientWidth;
    const left = Math.abs(element.scrollLeft);
    const next = { before: hidden > 1 && left > 1, after: hidden > 1 && left < hidden - 1 };
    setEdges((now) => (now.before === next.before && now.after === next.after ? now : next));
  }, []);

  // The table's width changes with its rows (after loading, on a new filter): measure after each render.
  useLayoutEffect(measure);

  useEffect(() => {
    const element = region.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);

  const scrolls = edges.before || edges.after;
  return (
    <div className="scroll-table">
      {scrolls && (
        <Text id={hintId} size="xs" c="dimmed" className="scroll-table-hint">
          <span aria-hidden="true">↔</span> {hint ?? t('common.scrollSideways')}
        </Text>
      )}
      <div
        className="scroll-table-frame"
        data-more-before={edges.before || undefined}
        data-more-after={edges.after || undefined}
      >
        <Table.ScrollContainer
          ref={region}
          type="native"
          minWidth={minWidth}
          tabIndex={0}
          role="region"
          aria-label={label}
          aria-describedby={scrolls ? hintId : undefined}
          onScroll={measure}
        >
          {children}
        </Table.ScrollContainer>
      </div>
    </div>
  );
}
