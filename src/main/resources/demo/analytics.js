// The demo's "analytics": the banner runs it only once the visitor grants the analytics category.
window.demoAnalyticsRuns = (window.demoAnalyticsRuns || 0) + 1;
document.getElementById('analytics-status').textContent = 'Analytics is running.';
