// The browser's SignalR client as an ES module for the live feed.
export * from '@microsoft/signalr';
