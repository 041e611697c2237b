// routes.js — the table of hash routes: which screen answers which address, and which roles may
// open it (others see "Not allowed" without a round trip). "new" routes come before ":id" so
// they win. Imported once by app.js for its side effect of registering the routes.
import { route } from './router.js';
import { dashboardView } from './view-dashboard.js';
import { clinicEdit, clinicNew, clinicPage, clinicsList } from './view-clinics.js';
import { practitionerEdit, practitionerNew, practitionerPage, staffList } from './view-staff.js';
import { userEdit, userNew, userPage, usersList } from './view-users.js';
import { clientsList } from './view-clients.js';
import { clientEdit, clientNew, clientPage } from './view-client.js';
import { auditView } from './view-audit.js';
import { consultationEdit, consultationNew, consultationPage } from './view-consultation.js';
import { consentPage, consentSign } from './view-consent.js';
import { calendarView } from './view-calendar.js';
import { coursePage, coursePlan } from './view-course.js';
import { designerView } from './view-designer.js';
import { designPage } from './view-design.js';
import { lotEdit, lotNew, lotPage, lotsList } from './view-lots.js';
import { recordEdit, recordPage } from './view-record.js';
import { aftercarePage } from './view-aftercare.js';
import { photosPage } from './view-photos.js';
import { recallsList } from './view-recalls.js';
import { publicClinicPage, publicClinicsList, quoteRequest } from './view-public.js';
import { bookConsultation, manageBooking } from './view-booking.js';
import { portalConsent, portalHome, portalSignIn, portalToken } from './view-portal.js';
import { enquiriesList, enquiryPage } from './view-enquiries.js';
import { quoteNew, quotePage } from './view-quote.js';
import { priceBookEdit } from './view-pricebook.js';
import { sharedQuote } from './quote-public.js';

const MANAGE = ['owner', 'manager'];
const OWNER = ['owner'];
const CLINICAL = ['owner', 'manager', 'practitioner']; // consultations and session records hold health data

route('/', dashboardView);
route('/clients', clientsList);
route('/clients/new', clientNew);
route('/clients/:id', clientPage);
route('/clients/:id/edit', clientEdit);
route('/clients/:id/consultations/new', consultationNew, { roles: CLINICAL, name: 'New consultation' });
route('/clients/:id/consent', consentSign);
route('/clients/:id/course/new', coursePlan);
route('/courses/:id', coursePage);
route('/clients/:id/designs/new', designerView);
route('/designs/:id', designPage);
route('/clients/:id/photos', photosPage);
route('/appointments/:id/record', recordPage, { roles: CLINICAL, name: 'session records' });
route('/appointments/:id/record/edit', recordEdit, { roles: CLINICAL, name: 'session records' });
route('/appointments/:id/aftercare', aftercarePage);
route('/lots', lotsList);
route('/lots/new', lotNew, { roles: CLINICAL, name: 'New lot' });
route('/lots/:id', lotPage);
route('/lots/:id/edit', lotEdit, { roles: CLINICAL, name: 'Edit lot' });
route('/recalls', recallsList);
route('/calendar', calendarView);
route('/consultations/:id', consultationPage, { roles: CLINICAL, name: 'consultations' });
route('/consultations/:id/edit', consultationEdit, { roles: CLINICAL, name: 'Edit consultation' });
route('/consents/:id', consentPage);
route('/clinics', clinicsList);
route('/clinics/new', clinicNew, { roles: MANAGE, name: 'New clinic' });
route('/clinics/:id', clinicPage);
route('/clinics/:id/edit', clinicEdit, { roles: MANAGE, name: 'Edit clinic' });
route('/staff', staffList);
route('/staff/new', practitionerNew, { roles: MANAGE, name: 'New practitioner' });
route('/staff/:id', practitionerPage);
route('/staff/:id/edit', practitionerEdit, { roles: MANAGE, name: 'Edit practitioner' });
route('/users', usersList, { roles: OWNER, name: 'Users' });
route('/users/new', userNew, { roles: OWNER, name: 'New user' });
route('/users/:id', userPage, { roles: OWNER, name: 'Users' });
route('/users/:id/edit', userEdit, { roles: OWNER, name: 'Edit user' });
route('/audit', auditView, { roles: MANAGE, name: 'Audit' });
route('/enquiries', enquiriesList);
route('/enquiries/:id', enquiryPage);

// issue 9: a clinic's public pages, booking a free consultation and the client portal (anyone)
route('/clinics-public', publicClinicsList, { public: true });
route('/c/:id', publicClinicPage, { public: true });
route('/c/:id/quote', quoteRequest, { public: true });
route('/book/:id', bookConsultation, { public: true });
route('/booking/:token', manageBooking, { public: true });
route('/portal', portalSignIn, { public: true });
route('/portal/home', portalHome, { public: true });
route('/portal/consent', portalConsent, { public: true });
route('/portal/:token', portalToken, { public: true });

// quotes, price books and payments (issue 7)
route('/clients/:id/quotes/new', quoteNew);
route('/quotes/:id', quotePage);
route('/clinics/:id/price-book', priceBookEdit, { roles: MANAGE, name: 'the price book editor' });
route('/q/:token', sharedQuote, { public: true }); // the client's link from the quote email
