-- The demo sites' register. RegisterPublisher puts it on controls.v1 at start-up: a migration cannot write
-- outbox rows in the CloudEvents form the relay expects.

INSERT INTO control VALUES ('CTRL-FALLS-01', 1, 'Weekly falls risk reassessment check', 'SUPERVISION_CHECK', 'leader.north', 'WEEKLY', 'Falls reassessments on time', 'rate', 0.95, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-FALLS-01', 'north');
INSERT INTO control_version VALUES ('ffadcf7c-45ec-592f-a198-fd0f87d15c93', 'CTRL-FALLS-01', 1, 'Weekly falls risk reassessment check', 'SUPERVISION_CHECK', 'north', 'leader.north', 'WEEKLY', 'Falls reassessments on time', 'rate', 0.95, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-FALLS-02', 1, 'Bed and chair sensor alarms tested', 'ENVIRONMENT_EQUIPMENT', 'leader.north', 'WEEKLY', 'Sensor alarms failing test', 'count', 0, 'DOWN', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-FALLS-02', 'north');
INSERT INTO control_version VALUES ('126657ed-6ee9-5eab-a9aa-9385aa0b6f6d', 'CTRL-FALLS-02', 1, 'Bed and chair sensor alarms tested', 'ENVIRONMENT_EQUIPMENT', 'north', 'leader.north', 'WEEKLY', 'Sensor alarms failing test', 'count', 0, 'DOWN', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-MED-01', 1, 'Controlled drugs double-signature audit', 'VERIFICATION_STEP', 'leader.north', 'WEEKLY', 'Administrations with two signatures', 'rate', 1.0, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-MED-01', 'north');
INSERT INTO control_version VALUES ('cdd19ce8-6c04-53ef-a769-9898e10e7bfd', 'CTRL-MED-01', 1, 'Controlled drugs double-signature audit', 'VERIFICATION_STEP', 'north', 'leader.north', 'WEEKLY', 'Administrations with two signatures', 'rate', 1.0, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-NEWS-01', 2, 'NEWS2 score of 5 escalates to the GP', 'ESCALATION_THRESHOLD', 'leader.north', 'WEEKLY', 'Escalations within one hour of the trigger score', 'rate', 0.9, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-02-02 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-NEWS-01', 'north');
INSERT INTO control_version VALUES ('6579b137-cdcc-5b28-b8bc-4a426262fa1c', 'CTRL-NEWS-01', 1, 'NEWS2 score of 7 escalates to the GP', 'ESCALATION_THRESHOLD', 'north', 'leader.north', 'WEEKLY', 'Escalations within one hour of the trigger score', 'rate', 0.8, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');
INSERT INTO control_version VALUES ('e3cc5cfa-48f8-5265-9a35-f9a521b35218', 'CTRL-NEWS-01', 2, 'NEWS2 score of 5 escalates to the GP', 'ESCALATION_THRESHOLD', 'north', 'leader.north', 'WEEKLY', 'Escalations within one hour of the trigger score', 'rate', 0.9, 'UP', 'ACTIVE', 'Escalation threshold lowered from NEWS2 7 to 5, target raised from 0.8 to 0.9, after a missed deterioration', 'senior', TIMESTAMPTZ '2026-02-02 09:00:00+00');

INSERT INTO control VALUES ('CTRL-MED-02', 1, 'Time-critical medicines given within 30 minutes', 'ESCALATION_THRESHOLD', 'leader.south', 'WEEKLY', 'Late time-critical doses', 'count', 2, 'DOWN', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-MED-02', 'south');
INSERT INTO control_version VALUES ('5b3fe41d-ea0b-5df4-a5b2-f990e0a262d2', 'CTRL-MED-02', 1, 'Time-critical medicines given within 30 minutes', 'ESCALATION_THRESHOLD', 'south', 'leader.south', 'WEEKLY', 'Late time-critical doses', 'count', 2, 'DOWN', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-PU-01', 1, 'Pressure-area repositioning charts checked', 'SUPERVISION_CHECK', 'leader.south', 'WEEKLY', 'Repositioning charts complete', 'rate', 0.9, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-PU-01', 'south');
INSERT INTO control_version VALUES ('1114f133-f009-56cc-a63c-990cafa980ad', 'CTRL-PU-01', 1, 'Pressure-area repositioning charts checked', 'SUPERVISION_CHECK', 'south', 'leader.south', 'WEEKLY', 'Repositioning charts complete', 'rate', 0.9, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-HYD-01', 1, 'Fluid balance charts reviewed at handover', 'SUPERVISION_CHECK', 'leader.south', 'DAILY', 'Charts reviewed at handover', 'rate', 0.95, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-HYD-01', 'south');
INSERT INTO control_version VALUES ('59dcd167-ba95-5a02-8a57-e9d159b0d32f', 'CTRL-HYD-01', 1, 'Fluid balance charts reviewed at handover', 'SUPERVISION_CHECK', 'south', 'leader.south', 'DAILY', 'Charts reviewed at handover', 'rate', 0.95, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-STAFF-01', 1, 'Night shifts staffed to the safe-staffing rota', 'STAFFING', 'senior', 'WEEKLY', 'Night shifts below safe staffing', 'count', 0, 'DOWN', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-STAFF-01', 'north');
INSERT INTO control_site VALUES ('CTRL-STAFF-01', 'south');
INSERT INTO control_version VALUES ('d9fa6c88-75be-5d58-b818-565113993a9b', 'CTRL-STAFF-01', 1, 'Night shifts staffed to the safe-staffing rota', 'STAFFING', 'north,south', 'senior', 'WEEKLY', 'Night shifts below safe staffing', 'count', 0, 'DOWN', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-IT-01', 1, 'eMAR overdue-dose alert tested', 'IT_SYSTEM', 'senior', 'MONTHLY', 'Alert tests failed', 'count', 0, 'DOWN', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-IT-01', 'north');
INSERT INTO control_site VALUES ('CTRL-IT-01', 'south');
INSERT INTO control_version VALUES ('9743b850-af64-5552-8c3f-c431d6274cda', 'CTRL-IT-01', 1, 'eMAR overdue-dose alert tested', 'IT_SYSTEM', 'north,south', 'senior', 'MONTHLY', 'Alert tests failed', 'count', 0, 'DOWN', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');

INSERT INTO control VALUES ('CTRL-POL-01', 1, 'Safeguarding procedure attested by every shift lead', 'POLICY_PROCEDURE', 'senior', 'QUARTERLY', 'Shift leads attested', 'rate', 1.0, 'UP', 'ACTIVE', TIMESTAMPTZ '2026-01-05 09:00:00+00', NULL);
INSERT INTO control_site VALUES ('CTRL-POL-01', 'north');
INSERT INTO control_site VALUES ('CTRL-POL-01', 'south');
INSERT INTO control_version VALUES ('8443ff1b-ba5d-5bb7-9cce-f9631731c67f', 'CTRL-POL-01', 1, 'Safeguarding procedure attested by every shift lead', 'POLICY_PROCEDURE', 'north,south', 'senior', 'QUARTERLY', 'Shift leads attested', 'rate', 1.0, 'UP', 'ACTIVE', 'Seeded register', 'seed', TIMESTAMPTZ '2026-01-05 09:00:00+00');
