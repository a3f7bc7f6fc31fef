// Invented ideas and people for the demo. Any resemblance to real projects is in the spirit of
// the programme, not its records.

export type DemoIdea = { title: string; summary: string; challenge: string };

export const DEMO_PEOPLE = [
  ["Aisha Begum", "Barts Health NHS Trust", "Specialist nurse"],
  ["Gareth Pryce", "Cardiff and Vale University Health Board", "Physiotherapist"],
  ["Niamh O'Connell", "Belfast Health and Social Care Trust", "Quality improvement lead"],
  ["Samuel Adeyemi", "Manchester University NHS Foundation Trust", "Consultant geriatrician"],
  ["Fiona MacLeod", "NHS Highland", "Community pharmacist"],
  ["Ravi Patel", "Leicester City Council", "Public health registrar"],
  ["Joanna Kowalska", "Sheffield Teaching Hospitals", "Midwife"],
  ["Daniel Hughes", "North Wales Mental Health Service", "Peer support worker"],
  ["Chloe Bennett", "Bristol Community Health", "Occupational therapist"],
  ["Imran Sheikh", "Bradford Teaching Hospitals", "GP partner"],
  ["Eilidh Campbell", "NHS Lothian", "Health visitor"],
  ["Marcus Thompson", "Kent Community Health", "Paramedic"],
  ["Priyanka Rao", "Guy's and St Thomas'", "Junior doctor"],
  ["Owen Griffiths", "Swansea Bay University Health Board", "Data analyst"],
  ["Hannah Lee", "Healthwatch Norfolk", "Engagement officer"],
  ["Tunde Bakare", "Lewisham and Greenwich NHS Trust", "Estates manager"],
  ["Sarah Whitfield", "Cumbria Care Homes Partnership", "Care home manager"],
  ["Liam Doherty", "Western Health and Social Care Trust", "Social worker"],
  ["Grace Achterberg", "Oxford Health NHS Foundation Trust", "Clinical psychologist"],
  ["Yusuf Hassan", "Birmingham Community Healthcare", "Dental therapist"],
  ["Megan Price", "Powys Teaching Health Board", "Rural GP"],
  ["Kofi Mensah", "Nottingham CityCare", "Diabetes specialist nurse"],
  ["Isla Fraser", "NHS Grampian", "Dietitian"],
  ["Tom Ashworth", "Lancashire Teaching Hospitals", "Porter and union rep"],
] as const;

const challenge = (problem: string, people: string, theme: string) =>
  `${problem}\n\n**Who it affects:** ${people}\n\n**How it connects to the theme:** ${theme}`;

export const IDEAS_2027: DemoIdea[] = [
  {
    title: "Text reminders that people actually read",
    summary: "Rewrite appointment texts with patients so fewer people miss outpatient appointments.",
    challenge: challenge(
      "One in ten outpatient appointments in our trust is missed. Our reminder texts are written in system language and arrive at odd hours.",
      "People juggling shifts and caring, and the clinics that lose the slots.",
      "Small changes designed with patients can free clinic time at almost no cost.",
    ),
  },
  {
    title: "Walking clinics for long COVID",
    summary: "Group walks led by physiotherapists, replacing one-to-one reviews for people well enough to join.",
    challenge: challenge(
      "Our long COVID waiting list is eight months. Many people on it want contact and gentle activity more than another assessment.",
      "Adults with long COVID waiting for rehabilitation.",
      "It moves care outdoors and into groups, where people support each other.",
    ),
  },
  {
    title: "Pharmacy first for care homes",
    summary: "A named community pharmacist for each care home, with weekly medicines rounds.",
    challenge: challenge(
      "Care home residents take on average nine medicines; reviews happen rarely and changes get lost between GP, home and pharmacy.",
      "Residents, care staff and GP practices.",
      "Joining up pharmacy, general practice and social care around the resident.",
    ),
  },
  {
    title: "Night shift food that isn't from a vending machine",
    summary: "A hot-food trolley and rest space for night staff, run with the hospital's catering team.",
    challenge: challenge(
      "Night staff tell us they go twelve hours without a proper meal. Sickness absence is highest on nights.",
      "Nurses, porters, doctors and domestic staff on night shifts.",
      "Looking after staff wellbeing as a quality issue, not a perk.",
    ),
  },
  {
    title: "Bedside handovers with patients",
    summary: "Move nursing handover to the bedside and invite patients to add what matters to them.",
    challenge: challenge(
      "Handover happens at the nurses' station; patients hear nothing and errors slip through.",
      "Inpatients on medical wards and the nurses caring for them.",
      "Co-producing safety with the people who know their own care best.",
    ),
  },
  {
    title: "Dementia-friendly outpatient signs",
    summary:
      "Co-design the signs, colours and waiting areas of our outpatient department with people living with dementia.",
    challenge: challenge(
      "People with dementia get lost between reception and clinic rooms, and some miss appointments because they cannot find their way.",
      "People living with dementia and their carers.",
      "Designing environments with, not for, the people who use them.",
    ),
  },
  {
    title: "A shared care plan for people with learning disabilities",
    summary: "One plan, held by the person, that every service can read and add to.",
    challenge: challenge(
      "People with learning disabilities repeat their story at every appointment; reasonable adjustments are forgotten.",
      "Adults with learning disabilities, families and services.",
      "Giving people control of their own information across boundaries.",
    ),
  },
  {
    title: "Peer support in A&E for people in crisis",
    summary: "Trained peer workers in the emergency department overnight, for people in mental health crisis.",
    challenge: challenge(
      "People in mental health crisis wait many hours in A&E with no one to talk to.",
      "People in crisis, A&E staff and liaison psychiatry.",
      "Lived experience as part of the workforce.",
    ),
  },
  {
    title: "Green inhalers switch",
    summary: "Help patients with asthma move to lower-carbon inhalers safely, with a check of their technique.",
    challenge: challenge(
      "Metered-dose inhalers are a large part of our practice's carbon footprint, and many patients use them poorly.",
      "People with asthma and COPD, and the planet.",
      "Better care and lower emissions from the same conversation.",
    ),
  },
  {
    title: "Discharge lounge with a phone line",
    summary: "A call-back service for the first 72 hours after discharge from the acute medical unit.",
    challenge: challenge(
      "One in eight patients is readmitted within 30 days; many say they did not know who to call.",
      "Older people leaving hospital and their families.",
      "Continuity of care across the hospital door.",
    ),
  },
  {
    title: "Translated birth plans",
    summary: "Birth plans in the twelve most common languages of our area, with audio versions.",
    challenge: challenge(
      "Women who do not speak English have worse outcomes and fewer choices in labour.",
      "Pregnant women with limited English and the midwives caring for them.",
      "Tackling inequality in maternity care.",
    ),
  },
  {
    title: "Rural GP video hubs in village halls",
    summary: "Private, supported video consultation rooms in village halls for people without good broadband.",
    challenge: challenge(
      "In our valleys, a GP appointment can mean a two-hour round trip by bus.",
      "Older people and those without cars or broadband in rural areas.",
      "Digital care that reaches people rather than excludes them.",
    ),
  },
  {
    title: "Falls prevention through dance",
    summary: "Weekly tea dances that build strength and balance, led with a local dance school.",
    challenge: challenge(
      "Falls are the most common reason older people in our area call an ambulance.",
      "Older people living at home.",
      "Prevention that people enjoy and keep coming back to.",
    ),
  },
  {
    title: "Open data on waiting times for patients",
    summary: "A plain-language page showing real waiting times per clinic, updated weekly.",
    challenge: challenge(
      "People ring the switchboard to ask how long they will wait; staff cannot say.",
      "Everyone on a waiting list, and the staff fielding the calls.",
      "Transparency as a way to improve trust and plan care.",
    ),
  },
  {
    title: "Sensory kits for children in theatres",
    summary: "Calming kits and a pre-visit video for autistic children having surgery.",
    challenge: challenge(
      "Autistic children are often sedated heavily because the theatre environment overwhelms them.",
      "Autistic children, their parents and theatre teams.",
      "Reasonable adjustments built into routine care.",
    ),
  },
  {
    title: "Porters as safety champions",
    summary: "Train porters to spot and report early signs of deterioration while moving patients.",
    challenge: challenge(
      "Porters spend more time one-to-one with patients in transit than almost anyone, and are rarely asked what they see.",
      "Patients being moved around the hospital and the portering team.",
      "Everyone who works in health care has a part in quality.",
    ),
  },
  {
    title: "Diabetes foot checks at the barber's",
    summary: "Quick foot checks and advice offered in barbershops, where many men at risk never see a nurse.",
    challenge: challenge(
      "Diabetes amputation rates are highest among men who rarely visit their GP.",
      "Men with or at risk of type 2 diabetes.",
      "Taking care to where people already are.",
    ),
  },
  {
    title: "Homework club for young carers",
    summary: "A weekly club at the library where young carers get help with homework and a break.",
    challenge: challenge(
      "Young carers fall behind at school and are often invisible to services.",
      "Children and teenagers caring for a family member.",
      "Community support that keeps families well.",
    ),
  },
  {
    title: "Quiet hour on the children's ward",
    summary: "One protected hour each afternoon with lights down, no routine observations and no cleaning.",
    challenge: challenge(
      "Children on our ward sleep badly and parents are exhausted.",
      "Children in hospital, their parents and ward staff.",
      "Small changes in routine that improve experience and recovery.",
    ),
  },
  {
    title: "Oral health training for care home staff",
    summary: "Practical mouth care training and kits, so residents keep their teeth and avoid pneumonia.",
    challenge: challenge(
      "Poor mouth care in care homes contributes to pneumonia, pain and weight loss.",
      "Care home residents and staff.",
      "Prevention shared between dental teams and social care.",
    ),
  },
  {
    title: "Food bank referrals from the GP surgery",
    summary: "Let reception staff refer people directly to the food bank and advice services.",
    challenge: challenge(
      "People tell their GP they cannot afford to eat healthily; the practice has nowhere to send them.",
      "Families in food poverty.",
      "Addressing the social causes of ill health.",
    ),
  },
  {
    title: "Recovery colleges online",
    summary: "Move two recovery college courses online, co-taught by tutors with lived experience.",
    challenge: challenge(
      "Our recovery college is oversubscribed and hard to reach for people in rural areas.",
      "People living with mental illness, and their families.",
      "Learning together as a route to recovery.",
    ),
  },
  {
    title: "Medicines on time in Parkinson's",
    summary: "Alerts and self-administration so people with Parkinson's get their medicines on time in hospital.",
    challenge: challenge(
      "Delays of even thirty minutes in Parkinson's medicines cause falls and longer stays.",
      "People with Parkinson's admitted to hospital.",
      "Patient safety through respecting people's own routines.",
    ),
  },
  {
    title: "Wheelchair repairs within a week",
    summary: "A mobile repair van and a simple online request form for wheelchair users.",
    challenge: challenge(
      "Wheelchair users wait up to six weeks for repairs, unable to work or leave home.",
      "Wheelchair users and the wheelchair service.",
      "Independence as an outcome of care.",
    ),
  },
  {
    title: "Community champions for cancer screening",
    summary: "Train local champions to talk about bowel screening in their own languages and places of worship.",
    challenge: challenge(
      "Bowel screening uptake in some of our communities is below 40%.",
      "People eligible for screening in our most diverse neighbourhoods.",
      "Reducing inequalities through trusted voices.",
    ),
  },
  {
    title: "Hospital at home for heart failure",
    summary: "IV diuretics at home with daily nurse visits and remote weight monitoring.",
    challenge: challenge(
      "People with heart failure spend weeks in hospital for treatment that could be given at home.",
      "People with heart failure and their carers.",
      "Care closer to home without losing safety.",
    ),
  },
  {
    title: "Better sleep for staff who rotate shifts",
    summary: "A sleep coaching programme and rota rules designed with staff on rotating shifts.",
    challenge: challenge(
      "Staff on rotating shifts report poor sleep, more errors and higher turnover.",
      "Nurses, paramedics and healthcare assistants.",
      "A well workforce gives safer care.",
    ),
  },
  {
    title: "Plain-English letters from clinics",
    summary: "Clinic letters written to the patient, in plain English, copied to the GP.",
    challenge: challenge(
      "Patients cannot understand the letters about their own care.",
      "Outpatients and their GPs.",
      "Respect and understanding as part of quality.",
    ),
  },
  {
    title: "Swimming lessons for adults with diabetes",
    summary: "Free adult swimming lessons with a diabetes nurse on poolside.",
    challenge: challenge(
      "Many adults with diabetes cannot swim and feel unwelcome in gyms.",
      "Adults with type 2 diabetes.",
      "Making activity accessible and social.",
    ),
  },
  {
    title: "Ward-based pharmacy technicians at weekends",
    summary: "Pharmacy technicians on wards at weekends to reconcile medicines and speed discharge.",
    challenge: challenge(
      "Discharges stall at weekends waiting for medicines.",
      "Patients ready to go home and ward staff.",
      "Flow and safety across the whole week.",
    ),
  },
  {
    title: "A library of lived-experience videos for students",
    summary: "Short videos by patients for nursing and medical students, on what good care felt like.",
    challenge: challenge(
      "Students learn conditions before they learn people.",
      "Future clinicians and the patients they will care for.",
      "Patient voices shaping the next generation of staff.",
    ),
  },
  {
    title: "Safe spaces for staff to talk after incidents",
    summary: "Facilitated debriefs within a week of serious incidents, for everyone involved.",
    challenge: challenge(
      "Staff involved in serious incidents often get no support and some leave.",
      "Clinical and non-clinical staff.",
      "A just and learning culture.",
    ),
  },
];

export const IDEAS_2026: DemoIdea[] = [
  {
    title: "Tea and talk for carers in hospital",
    summary: "A daily drop-in for carers of inpatients, with information and a cup of tea.",
    challenge: challenge(
      "Carers of inpatients are left out of planning and feel alone.",
      "Family carers.",
      "Partnership with carers.",
    ),
  },
  {
    title: "Social prescribing in maternity",
    summary: "Link workers for new parents at risk of isolation.",
    challenge: challenge(
      "New parents in our area are isolated, especially in the first months.",
      "New parents.",
      "Community assets as part of maternity care.",
    ),
  },
  {
    title: "Digital ward rounds in care homes",
    summary: "Weekly video ward rounds with GPs and a care home's senior carer.",
    challenge: challenge(
      "Care homes wait days for GP visits for routine problems.",
      "Residents and carers.",
      "Joined-up care using simple technology.",
    ),
  },
  {
    title: "Frailty screening at the front door",
    summary: "A quick frailty score in A&E to fast-track older people to the right team.",
    challenge: challenge(
      "Frail older people wait in A&E for hours and deteriorate.",
      "Older people attending A&E.",
      "Getting the right care first time.",
    ),
  },
  {
    title: "Menopause support at work",
    summary: "A menopause clinic and adjustments for our own staff.",
    challenge: challenge(
      "We lose experienced staff in their fifties.",
      "Women in the workforce.",
      "Staff wellbeing and retention.",
    ),
  },
  {
    title: "Patient-led physio exercise videos",
    summary: "Exercise videos filmed by patients for patients after knee replacement.",
    challenge: challenge(
      "Patients forget exercise sheets and recovery slows.",
      "People after knee surgery.",
      "Peer learning in rehabilitation.",
    ),
  },
  {
    title: "Mobile vaccination van for travellers' sites",
    summary: "A van that visits Gypsy and Traveller sites with vaccines and health checks.",
    challenge: challenge(
      "Vaccination rates on local sites are very low.",
      "Gypsy, Roma and Traveller communities.",
      "Reaching people services miss.",
    ),
  },
  {
    title: "Reducing restrictive practice on mental health wards",
    summary: "Safewards interventions co-produced with patients to reduce restraint.",
    challenge: challenge("Restraint harms patients and staff.", "Inpatients and ward staff.", "Human rights in care."),
  },
  {
    title: "Better hydration for older inpatients",
    summary: "Coloured jugs and volunteer drinks rounds on elderly care wards.",
    challenge: challenge(
      "Older inpatients become dehydrated and confused.",
      "Older inpatients.",
      "Fundamental care done well.",
    ),
  },
  {
    title: "Youth panel for the children's hospital",
    summary: "A paid youth panel that reviews services and signs off new leaflets.",
    challenge: challenge(
      "Young people have no say in the services they use.",
      "Children and young people.",
      "Co-production with young people.",
    ),
  },
  {
    title: "Homeless health outreach",
    summary: "A nurse and peer navigator doing street outreach twice a week.",
    challenge: challenge(
      "People sleeping rough use A&E as their only care.",
      "People experiencing homelessness.",
      "Inclusion health.",
    ),
  },
  {
    title: "Prehabilitation before cancer surgery",
    summary: "Exercise and nutrition support in the weeks before major surgery.",
    challenge: challenge(
      "Patients arrive for surgery unfit and recover slowly.",
      "People having cancer surgery.",
      "Using waiting time well.",
    ),
  },
  {
    title: "Easy-read appointment letters",
    summary: "Easy-read versions of every outpatient letter.",
    challenge: challenge(
      "People with learning disabilities miss appointments they cannot read about.",
      "People with learning disabilities.",
      "Accessible information.",
    ),
  },
  {
    title: "Reducing paper in community nursing",
    summary: "Mobile records for district nurses to cut duplicate paperwork.",
    challenge: challenge(
      "District nurses spend an hour a day on paperwork.",
      "District nurses and patients at home.",
      "Giving time back to care.",
    ),
  },
  {
    title: "Sign language video interpreting in GP practices",
    summary: "On-demand BSL interpreting for Deaf patients at the GP.",
    challenge: challenge("Deaf patients wait weeks for an interpreter.", "Deaf BSL users.", "Equal access."),
  },
  {
    title: "Gardening for mental health",
    summary: "A hospital garden tended by patients and staff together.",
    challenge: challenge(
      "Our wards have no outdoor space used for therapy.",
      "Mental health inpatients and staff.",
      "Nature and recovery.",
    ),
  },
  {
    title: "Faster results for suspected sepsis",
    summary: "Point-of-care lactate testing in ambulances.",
    challenge: challenge(
      "Sepsis is recognised late.",
      "Patients with suspected sepsis.",
      "Safety through earlier recognition.",
    ),
  },
  {
    title: "Shared decision making in kidney care",
    summary: "Decision aids for people choosing between dialysis options.",
    challenge: challenge(
      "People choose dialysis without understanding the options.",
      "People with kidney failure.",
      "Shared decisions.",
    ),
  },
  {
    title: "Community first responders for falls",
    summary: "Volunteer responders with lifting equipment for non-injury falls.",
    challenge: challenge(
      "Older people wait hours on the floor for an ambulance.",
      "Older people who fall at home.",
      "Communities helping each other.",
    ),
  },
  {
    title: "Welcome packs for international nurses",
    summary: "A buddy scheme and welcome packs for nurses recruited from abroad.",
    challenge: challenge(
      "International nurses feel isolated and some leave within a year.",
      "Internationally recruited nurses.",
      "A welcoming workforce.",
    ),
  },
];
