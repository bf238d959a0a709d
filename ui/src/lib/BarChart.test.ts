import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import BarChart from './BarChart.svelte';
import type { Chart } from './api/types';
import { app } from './app.svelte';
import { loadApp } from './fixtures.test-util';

const months = (values: number[]): Chart => ({
  kind: 'columns',
  unit: '元',
  bars: values.map((v, i) => ({ label: `${i + 1}月`, value: v, shown: v.toFixed(2) })),
});

describe('BarChart', () => {
  it('writes every bar\u2019s label and number beside it, longest bar for the largest value', () => {
    const chart: Chart = {
      kind: 'bars',
      unit: '人',
      bars: [
        { label: '青年（35岁及以下）', value: 6, shown: '6' },
        { label: '中年（36—55岁）', value: 18, shown: '18' },
        { label: '老年（56岁及以上）', value: 34, shown: '34' },
      ],
    };
    render(BarChart, { chart });
    const svg = screen.getByTestId('bar-chart');
    expect(svg).toHaveAttribute('role', 'img');
    expect(svg.getAttribute('aria-label')).toContain('青年（35岁及以下） 6，中年（36—55岁） 18，老年（56岁及以上） 34');
    for (const b of chart.bars) {
      expect(within(svg).getByText(b.label)).toBeInTheDocument();
      expect(within(svg).getByText(b.shown)).toBeInTheDocument();
    }
    const widths = [...svg.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    expect(widths).toHaveLength(3);
    expect(widths[2]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThan(widths[0]);
    // One dark grey for every bar: the meaning is in the words, not the colour.
    expect(new Set([...svg.querySelectorAll('rect')].map((r) => r.getAttribute('fill')))).toEqual(new Set(['#444']));
  });

  it('draws months as columns with the label under and the number above', () => {
    render(BarChart, { chart: months([120, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 240]) });
    const svg = screen.getByTestId('bar-chart');
    const rects = [...svg.querySelectorAll('rect')];
    expect(rects).toHaveLength(12);
    const heights = rects.map((r) => Number(r.getAttribute('height')));
    expect(heights[11]).toBeGreaterThan(heights[0]);
    expect(heights[0]).toBeGreaterThan(heights[2]);
    expect(heights[1]).toBe(0);
    const under = within(svg).getByText('12月');
    const above = within(svg).getByText('240.00');
    expect(Number(above.getAttribute('y'))).toBeLessThan(Number(rects[11].getAttribute('y')));
    expect(Number(under.getAttribute('y'))).toBeGreaterThan(Number(rects[11].getAttribute('y')) + heights[11]);
  });

  it('draws empty bars with their numbers when every value is 0, without NaN', () => {
    const { container } = render(BarChart, { chart: months(Array(12).fill(0)) });
    expect(container.innerHTML).not.toContain('NaN');
    expect(container.innerHTML).not.toContain('Infinity');
    const svg = screen.getByTestId('bar-chart');
    expect([...svg.querySelectorAll('rect')].map((r) => r.getAttribute('height'))).toEqual(Array(12).fill('0'));
    expect(within(svg).getAllByText('0.00')).toHaveLength(12);
    expect(within(svg).getByText('1月')).toBeInTheDocument();

    const { container: rows } = render(BarChart, { chart: { kind: 'bars', unit: '人', bars: [{ label: '女', value: 0, shown: '0' }] } });
    expect(rows.innerHTML).not.toContain('NaN');
    expect(within(rows).getByText('女')).toBeInTheDocument();
  });

  it('draws text 1.25× as large in 大字模式 at the same width, not smaller', () => {
    loadApp();
    // Text size as drawn, per pixel of chart width: font-size over the viewBox width.
    const drawn = () => {
      const svg = screen.getByTestId('bar-chart');
      const width = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
      const font = Number(within(svg).getByText('12月').getAttribute('font-size'));
      return { size: font / width, maxHeight: parseFloat(svg.style.maxHeight) };
    };
    const chart = months([120, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 240]);
    const normal = render(BarChart, { chart });
    const a = drawn();
    normal.unmount();
    app.settings = { ...app.settings!, large_text: true };
    render(BarChart, { chart });
    const b = drawn();
    expect(b.size / a.size).toBeCloseTo(1.25, 1);
    // The drawing may grow as much taller, so a cap on its height does not shrink it back.
    expect(b.maxHeight / a.maxHeight).toBeCloseTo(1.25, 2);
    app.settings = { ...app.settings!, large_text: false };
  });
});
