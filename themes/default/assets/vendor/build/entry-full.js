// Tablero ECharts "full" bundle: everything in entry-base.js plus treemap and
// map charts and visualMap.
// A page loads exactly ONE of echarts-base.min.js / echarts-full.min.js.
// World map data (../world/world.min.js) must be loaded after this file.
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart, TreemapChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  VisualMapComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  CanvasRenderer,
  SVGRenderer,
  BarChart,
  LineChart,
  PieChart,
  TreemapChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  VisualMapComponent
]);

export * from 'echarts/core';
