// Google Consent Mode: everything denied until the banner says otherwise.
window.dataLayer = window.dataLayer || [];
function gtag() { window.dataLayer.push(arguments); }
gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });

// Show what the banner reports to the page.
document.addEventListener('consentledger:change', function (e) {
  document.getElementById('granted').textContent = e.detail.granted.join(', ');
});
