// Tablero ECharts "base" bundle: bar, line and pie charts.
// Built by build.sh with esbuild as an IIFE whose result is assigned to the
// global `echarts` (same global and same API surface as the official
// dist/echarts.min.js: echarts.init, echarts.use, echarts.registerMap,
// echarts.graphic, echarts.version, ...).
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  CanvasRenderer,
  SVGRenderer,
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent
]);

export * from 'echarts/core';
