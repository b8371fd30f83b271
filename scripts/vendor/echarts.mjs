// ECharts as an ES module for the chart modules in wwwroot/js.
export * from 'echarts';
