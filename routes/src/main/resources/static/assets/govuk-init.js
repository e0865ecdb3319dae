// GOV.UK Frontend's components (skip link, service navigation toggle, error summary focus, details...).
// A module file rather than the Design System's inline snippet: the pages' CSP allows no inline script.
import { initAll } from '../webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
