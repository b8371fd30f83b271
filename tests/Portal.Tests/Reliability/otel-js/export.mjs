// Exports one trace (a server span and a failed client span) and two log records in its context to the portal with the
// OpenTelemetry JS SDK over OTLP/HTTP protobuf, then prints what it sent as JSON for the test to compare.
// Usage: PORTAL_URL=http://127.0.0.1:5080 PORTAL_KEY=... node export.mjs
import { context, diag, DiagConsoleLogger, DiagLogLevel, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

// Export failures are otherwise silent: show them on stderr, which the test prints when something is missing.
diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);

const url = process.env.PORTAL_URL;
const headers = { 'x-api-key': process.env.PORTAL_KEY };
const resource = resourceFromAttributes({ 'service.name': 'checkout-js', 'service.instance.id': 'checkout-js-1' });

const tracerProvider = new BasicTracerProvider({
  resource,
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${url}/v1/traces`, headers }))],
});
const loggerProvider = new LoggerProvider({
  resource,
  processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${url}/v1/logs`, headers }) })],
});
const tracer = tracerProvider.getTracer('portal-compat');
const logger = loggerProvider.getLogger('portal-compat');

const sent = { spans: [], logs: [] };
const root = tracer.startSpan('POST /checkout', { kind: SpanKind.SERVER, attributes: { 'business.scenario': 'checkout', 'cart.items': 3, 'cart.total': 99.5 } });
const rootContext = trace.setSpan(context.active(), root);
const child = tracer.startSpan('charge card', { kind: SpanKind.CLIENT, attributes: { 'card.brand': 'visa', 'retry': true } }, rootContext);
child.addEvent('declined', { 'decline.code': 'insufficient_funds' });
child.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
const childContext = trace.setSpan(context.active(), child);
logger.emit({ severityNumber: SeverityNumber.WARN, severityText: 'WARN', body: 'charging card ending 4242', attributes: { 'attempt': 1 }, context: childContext });
logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: 'card declined: insufficient funds', context: childContext });
child.end();
root.setStatus({ code: SpanStatusCode.ERROR, message: 'checkout failed' });
root.end();

for (const span of [root, child]) {
  sent.spans.push({
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    startUnixNanos: (BigInt(span.startTime[0]) * 1000000000n + BigInt(span.startTime[1])).toString(),
    durationMicros: Math.floor((span.duration[0] * 1e9 + span.duration[1]) / 1000),
    statusMessage: span.status.message,
  });
}
sent.logs.push({ message: 'charging card ending 4242', level: 'Warn' }, { message: 'card declined: insufficient funds', level: 'Error' });

await tracerProvider.forceFlush();
await loggerProvider.forceFlush();
await tracerProvider.shutdown();
await loggerProvider.shutdown();
process.stdout.write(JSON.stringify(sent));
