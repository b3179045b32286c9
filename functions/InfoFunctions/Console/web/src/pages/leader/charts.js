// Charts drawn in the browser with Chart.js (only the pieces used are registered, so the bundle keeps
// only those). This module is imported by the dashboard alone, so only that page's chunk carries it.
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LineController,
  LineElement, LinearScale, PointElement, Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../../ui.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LineController,
  LineElement, LinearScale, PointElement, Tooltip);
// The page's own fonts, so Chinese labels are drawn with a CJK face; no animation (a chart is read, not watched).
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1f2937';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/** Colours distinguishable from each other and against white (≥ 3:1). */
export const palette = ['#8b1a1a', '#1d4ed8', '#15803d', '#b45309', '#7c3aed', '#0e7490', '#be185d', '#4b5563'];

/**
 * One chart. The canvas is an image to assistive technology, named by `label`; the figures it draws are
 * also in the page's tables, so nothing is only in the picture.
 */
export function ChartView({ type, data, options, label, height = 320 }) {
  const canvas = useRef(null);
  const key = JSON.stringify(data);
  useEffect(() => {
    const chart = new Chart(canvas.current, { type, data, options });
    return () => chart.destroy();
  }, [type, key]);
  return html`<div class="chart" style=${{ height: height + 'px' }}>
    <canvas ref=${canvas} role="img" aria-label=${label}></canvas>
  </div>`;
}
