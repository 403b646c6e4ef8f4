BEGIN TRANSACTION;
CREATE TABLE audit (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id  TEXT REFERENCES report (id) ON DELETE CASCADE,
        actor_key  TEXT NOT NULL,
        action     TEXT NOT NULL,
        accepted   INTEGER NOT NULL,
        detail     TEXT NOT NULL,
        at         TEXT NOT NULL
    , question_id TEXT REFERENCES forwarded_question (id) ON DELETE CASCADE);
INSERT INTO "audit" VALUES(1,NULL,'aad-leader','kanaal_registreren',1,'{"school": "de-breul", "route": "meldingen"}','2026-12-07T08:42:35.845067+00:00',NULL);
INSERT INTO "audit" VALUES(2,'b3f42556-54ae-4d33-8b9c-77263caa760c','pupil-1','submit',1,'{}','2026-12-07T08:42:35.849403+00:00',NULL);
INSERT INTO "audit" VALUES(3,'202579ed-88af-47a9-9755-d7f06c7996f8','pupil-2','submit',1,'{}','2026-12-07T08:42:35.852591+00:00',NULL);
INSERT INTO "audit" VALUES(4,'32ec8b00-9fd2-4171-ad77-848a4578340f','pupil-3','submit',1,'{}','2026-12-07T08:42:35.853523+00:00',NULL);
INSERT INTO "audit" VALUES(5,'32ec8b00-9fd2-4171-ad77-848a4578340f','magdit','herinnering',1,'{"day": "2026-03-04"}','2026-12-07T08:42:35.855871+00:00',NULL);
INSERT INTO "audit" VALUES(6,'b3f42556-54ae-4d33-8b9c-77263caa760c','aad-leader','oppakken',1,'{"from": "nieuw", "to": "opgepakt"}','2026-12-07T08:42:35.860381+00:00',NULL);
INSERT INTO "audit" VALUES(7,'b3f42556-54ae-4d33-8b9c-77263caa760c','aad-leader','vraag',1,'{"entry": 1}','2026-12-07T08:42:35.861737+00:00',NULL);
INSERT INTO "audit" VALUES(8,'b3f42556-54ae-4d33-8b9c-77263caa760c','pupil-1','antwoord',1,'{"entry": 2, "reply_to": 1}','2026-12-07T08:42:35.862575+00:00',NULL);
INSERT INTO "audit" VALUES(9,'b3f42556-54ae-4d33-8b9c-77263caa760c','pupil-1','screenshot',1,'{"attachment": 1, "bytes": 264}','2026-12-07T08:42:35.867414+00:00',NULL);
INSERT INTO "audit" VALUES(10,'b3f42556-54ae-4d33-8b9c-77263caa760c','aad-leader','details_bekijken',1,'{"attachments": 1}','2026-12-07T08:42:35.867915+00:00',NULL);
INSERT INTO "audit" VALUES(11,NULL,'forger','afsluiten',0,'{"reason": "forged"}','2026-12-07T08:42:35.868306+00:00',NULL);
INSERT INTO "audit" VALUES(12,NULL,'u1','vraag_doorgeven',1,'{"number": "V-2026-0001"}','2026-12-07T08:42:35.869134+00:00','747afb0d-e3a7-4ed8-8372-9b5728303e5f');
INSERT INTO "audit" VALUES(13,NULL,'aad-leader','vraag_beantwoorden',1,'{"number": "V-2026-0001"}','2026-12-07T08:42:35.870368+00:00','747afb0d-e3a7-4ed8-8372-9b5728303e5f');
INSERT INTO "audit" VALUES(14,NULL,'u2','vraag_doorgeven',1,'{"number": "V-2026-0001"}','2026-12-07T08:42:35.871185+00:00','cd7bc54a-cf8b-4b75-947b-e70c93c39be2');
CREATE TABLE case_card (
        report_id TEXT PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        version   INTEGER NOT NULL,
        token     TEXT NOT NULL
    );
INSERT INTO "case_card" VALUES('b3f42556-54ae-4d33-8b9c-77263caa760c',2,'stcMGIaChQylt5bxHANrKIzH');
CREATE TABLE case_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
INSERT INTO "case_counter" VALUES('de-breul',2026,3);
CREATE TABLE case_entry (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id  TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('notitie', 'vraag', 'antwoord', 'afsluiting')),
        author_key TEXT NOT NULL,
        text       TEXT NOT NULL,
        code       TEXT,
        token      TEXT,
        reply_to   INTEGER REFERENCES case_entry (id) ON DELETE CASCADE,
        answered   INTEGER NOT NULL DEFAULT 0,
        at         TEXT NOT NULL
    );
INSERT INTO "case_entry" VALUES(1,'b3f42556-54ae-4d33-8b9c-77263caa760c','vraag','aad-leader','Wie?',NULL,'q-tok',NULL,1,'2026-12-07T08:42:35.861459+00:00');
INSERT INTO "case_entry" VALUES(2,'b3f42556-54ae-4d33-8b9c-77263caa760c','antwoord','pupil-1','Hij.',NULL,NULL,1,0,'2026-12-07T08:42:35.862297+00:00');
CREATE TABLE case_reminder (
        report_id TEXT PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        day       TEXT NOT NULL
    );
INSERT INTO "case_reminder" VALUES('32ec8b00-9fd2-4171-ad77-848a4578340f','2026-03-04');
CREATE TABLE escalation_thread (
        report_id    TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        route        TEXT NOT NULL,
        conversation TEXT NOT NULL,
        activity_id  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (report_id, route)
    );
INSERT INTO "escalation_thread" VALUES('b3f42556-54ae-4d33-8b9c-77263caa760c','meldingen','{"service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2", "tenant_id": "t"}','act-1','2026-03-02T09:30:15.123456+00:00');
CREATE TABLE feedback (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        sources  TEXT NOT NULL,
        verdict  TEXT NOT NULL,
        useful   INTEGER NOT NULL,
        at       TEXT NOT NULL
    );
INSERT INTO "feedback" VALUES(1,'de-breul','leerling','mag dit?','["de-breul:E.7"]','no',0,'2026-03-02T09:30:15.123456+00:00');
INSERT INTO "feedback" VALUES(2,'de-breul','ouder','mag ik appen?','["de-breul:A.1", "de-breul:E.7"]','yes',1,'2026-03-02T09:30:15.123456+00:00');
INSERT INTO "feedback" VALUES(3,'de-breul','ouder','mag ik appen?','[]','yes',0,'2026-03-02T09:30:15.123456+00:00');
CREATE TABLE feedback_article (
        feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
        school      TEXT NOT NULL,
        article     TEXT NOT NULL,
        useful      INTEGER NOT NULL,
        PRIMARY KEY (feedback_id, article)
    );
INSERT INTO "feedback_article" VALUES(1,'de-breul','de-breul:E.7',0);
INSERT INTO "feedback_article" VALUES(2,'de-breul','de-breul:A.1',1);
INSERT INTO "feedback_article" VALUES(2,'de-breul','de-breul:E.7',1);
CREATE TABLE forwarded_question (
        id                  TEXT PRIMARY KEY,
        idempotency_key     TEXT NOT NULL UNIQUE,
        school              TEXT NOT NULL,
        number              TEXT NOT NULL,
        role                TEXT NOT NULL,
        question            TEXT NOT NULL,
        asker_key           TEXT NOT NULL,
        asker_conversation  TEXT NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('open', 'answered')),
        card_token          TEXT NOT NULL,
        thread_conversation TEXT,
        thread_activity_id  TEXT,
        answer              TEXT,
        answered_by         TEXT,
        answered_at         TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (school, number)
    );
INSERT INTO "forwarded_question" VALUES('747afb0d-e3a7-4ed8-8372-9b5728303e5f','vraag:1','de-breul','V-2026-0001','ouder','mag ik appen?','u1','{"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}','answered','XmVnExiEzasFLF7AY-pQ3wjg','{"service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2", "tenant_id": "t"}','act-2','Ja, binnen schooltijd.','aad-leader','2026-12-07T08:42:35.870233+00:00','2026-12-07T08:42:35.868821+00:00','2026-12-07T08:42:35.870233+00:00');
INSERT INTO "forwarded_question" VALUES('cd7bc54a-cf8b-4b75-947b-e70c93c39be2','vraag:2','de-marel','V-2026-0001','leerling','en ik?','u2','{"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}','open','wnrgodDqrAW7Hzh6AJVrkfal',NULL,NULL,NULL,NULL,NULL,'2026-12-07T08:42:35.870984+00:00','2026-12-07T08:42:35.870984+00:00');
CREATE TABLE issued_answer (
        token     TEXT PRIMARY KEY,
        user_key  TEXT NOT NULL,
        school    TEXT NOT NULL,
        role      TEXT NOT NULL,
        question  TEXT NOT NULL,
        sources   TEXT NOT NULL,
        verdict   TEXT NOT NULL,
        issued_at TEXT NOT NULL
    , feedback_id INTEGER REFERENCES feedback (id) ON DELETE SET NULL, unanswered_id INTEGER
        REFERENCES unanswered_question (id) ON DELETE SET NULL);
INSERT INTO "issued_answer" VALUES('tok-1','u1','de-breul','ouder','mag ik appen?','["de-breul:A.1", "de-breul:E.7"]','yes','2026-03-02T09:30:15.123456+00:00',2,NULL);
INSERT INTO "issued_answer" VALUES('tok-2','u1','de-breul','ouder','mag ik appen?','[]','yes','2026-03-02T09:30:15.123456+00:00',3,1);
CREATE TABLE leadership_channel (
        school        TEXT NOT NULL,
        route         TEXT NOT NULL,
        conversation  TEXT NOT NULL,
        team_id       TEXT,
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (school, route)
    );
INSERT INTO "leadership_channel" VALUES('de-breul','meldingen','{"service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2", "tenant_id": "t"}','19:team','aad-leader','2026-03-02T09:30:15.123456+00:00');
CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_key TEXT NOT NULL,
        message          TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
        attempts         INTEGER NOT NULL,
        next_attempt_at  TEXT NOT NULL,
        last_error       TEXT,
        created_at       TEXT NOT NULL
    , claimed_by TEXT);
INSERT INTO "outbox" VALUES(1,'leadership:de-breul','{"kind": "escalate", "report_id": "b3f42556-54ae-4d33-8b9c-77263caa760c", "case_number": "M-2026-0001"}','dead',1,'2027-04-06T09:30:30.123456+00:00','HTTP 403','2026-12-07T08:42:35.849000+00:00',NULL);
INSERT INTO "outbox" VALUES(2,'leadership:de-breul','{"kind": "escalate", "report_id": "202579ed-88af-47a9-9755-d7f06c7996f8", "case_number": "M-2026-0002"}','pending',1,'2027-04-07T09:30:15.123456+00:00','connection error','2026-12-07T08:42:35.852339+00:00',NULL);
INSERT INTO "outbox" VALUES(3,'leadership:de-breul','{"kind": "escalate", "report_id": "32ec8b00-9fd2-4171-ad77-848a4578340f", "case_number": "M-2026-0003"}','pending',0,'2026-12-07T08:42:35.853241+00:00',NULL,'2026-12-07T08:42:35.853241+00:00',NULL);
INSERT INTO "outbox" VALUES(4,'reporter:pupil-3','{"kind": "confirm_reporter", "report_id": "32ec8b00-9fd2-4171-ad77-848a4578340f"}','pending',1,'2027-04-06T09:30:30.123456+00:00',NULL,'2026-12-07T08:42:35.853241+00:00','worker-a');
INSERT INTO "outbox" VALUES(5,'leadership:de-breul','{"kind": "remind", "report_id": "32ec8b00-9fd2-4171-ad77-848a4578340f"}','pending',0,'2026-12-07T08:42:35.855920+00:00',NULL,'2026-12-07T08:42:35.855920+00:00',NULL);
INSERT INTO "outbox" VALUES(6,'leadership:de-breul','{"kind": "update_card", "report_id": "b3f42556-54ae-4d33-8b9c-77263caa760c", "action": "oppakken"}','pending',0,'2026-12-07T08:42:35.860201+00:00',NULL,'2026-12-07T08:42:35.860201+00:00',NULL);
INSERT INTO "outbox" VALUES(7,'reporter:pupil-1','{"kind": "notify_reporter", "report_id": "b3f42556-54ae-4d33-8b9c-77263caa760c", "status": "opgepakt"}','pending',1,'2027-04-06T09:30:30.123456+00:00',NULL,'2026-12-07T08:42:35.860201+00:00','worker-a');
INSERT INTO "outbox" VALUES(8,'reporter:pupil-1','{"kind": "notify_reporter", "report_id": "b3f42556-54ae-4d33-8b9c-77263caa760c", "question": "ab12"}','pending',0,'2026-12-07T08:42:35.861459+00:00',NULL,'2026-12-07T08:42:35.861459+00:00',NULL);
INSERT INTO "outbox" VALUES(9,'leadership:de-breul','{"kind": "question_escalate", "question_id": "747afb0d-e3a7-4ed8-8372-9b5728303e5f", "number": "V-2026-0001"}','pending',0,'2026-12-07T08:42:35.868821+00:00',NULL,'2026-12-07T08:42:35.868821+00:00',NULL);
INSERT INTO "outbox" VALUES(10,'leadership:de-breul','{"kind": "question_update", "question_id": "747afb0d-e3a7-4ed8-8372-9b5728303e5f"}','pending',0,'2026-12-07T08:42:35.870233+00:00',NULL,'2026-12-07T08:42:35.870233+00:00',NULL);
INSERT INTO "outbox" VALUES(11,'asker:u1','{"kind": "question_answer", "question_id": "747afb0d-e3a7-4ed8-8372-9b5728303e5f"}','pending',1,'2027-04-06T09:30:30.123456+00:00',NULL,'2026-12-07T08:42:35.870233+00:00','worker-a');
INSERT INTO "outbox" VALUES(12,'leadership:de-marel','{"kind": "question_escalate", "question_id": "cd7bc54a-cf8b-4b75-947b-e70c93c39be2", "number": "V-2026-0001"}','pending',1,'2027-04-06T09:30:30.123456+00:00',NULL,'2026-12-07T08:42:35.870984+00:00','worker-a');
CREATE TABLE pending_question (
        user_key TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        asked_at TEXT NOT NULL
    );
INSERT INTO "pending_question" VALUES('u1','en dit?','2026-03-02T09:30:15.123456+00:00');
CREATE TABLE profile (
        user_key    TEXT PRIMARY KEY,
        tenant_id   TEXT NOT NULL,
        school      TEXT,
        role        TEXT,
        role_source TEXT,
        updated_at  TEXT NOT NULL
    );
INSERT INTO "profile" VALUES('u1','t','de-breul','ouder','asked','2026-03-02T09:30:15.123456+00:00');
INSERT INTO "profile" VALUES('u2','t',NULL,NULL,NULL,'2026-03-02T09:30:15.123456+00:00');
CREATE TABLE question_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
INSERT INTO "question_counter" VALUES('de-breul',2026,1);
INSERT INTO "question_counter" VALUES('de-marel',2026,1);
CREATE TABLE report (
        id                    TEXT PRIMARY KEY,
        idempotency_key       TEXT NOT NULL UNIQUE,
        school                TEXT NOT NULL,
        case_number           TEXT NOT NULL,
        category              TEXT NOT NULL,
        description           TEXT NOT NULL,
        platform              TEXT,
        happened              TEXT,
        involved              TEXT,
        in_danger             INTEGER NOT NULL,
        anonymous             INTEGER NOT NULL,
        reporter_key          TEXT NOT NULL,
        reporter_conversation TEXT NOT NULL,
        status                TEXT NOT NULL CHECK (status IN ('nieuw', 'opgepakt', 'afgesloten')),
        version               INTEGER NOT NULL,
        handler_key           TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL, reporter_name TEXT, message TEXT,
        UNIQUE (school, case_number)
    );
INSERT INTO "report" VALUES('b3f42556-54ae-4d33-8b9c-77263caa760c','form-1','de-breul','M-2026-0001','bedreiging','Iemand dreigt mij — "écht" 😟','insta','gisteren','klas 2b',1,0,'pupil-1','{"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}','opgepakt',2,'aad-leader','2026-12-07T08:42:35.849000+00:00','2026-12-07T08:42:35.860201+00:00','Sam',NULL);
INSERT INTO "report" VALUES('202579ed-88af-47a9-9755-d7f06c7996f8','form-2','de-breul','M-2026-0002','bedreiging','Iemand dreigt mij — "écht" 😟',NULL,NULL,NULL,0,1,'pupil-2','{"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}','nieuw',1,NULL,'2026-12-07T08:42:35.852339+00:00','2026-12-07T08:42:35.852339+00:00',NULL,NULL);
INSERT INTO "report" VALUES('32ec8b00-9fd2-4171-ad77-848a4578340f','form-3','de-breul','M-2026-0003','bedreiging','Iemand dreigt mij — "écht" 😟',NULL,NULL,NULL,0,1,'pupil-3','{"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}','nieuw',1,NULL,'2026-12-07T08:42:35.853241+00:00','2026-12-07T08:42:35.853241+00:00',NULL,'{"text":"Je bent zo dom 😡\nOprotten.","cut":true,"author":"Daan Jansen","sent_at":"2026-03-02T06:30:15.123456Z","images":2}');
CREATE TABLE report_attachment (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id    TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        uploader_key TEXT NOT NULL,
        content_type TEXT NOT NULL
                     CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL,
        size         INTEGER NOT NULL,
        data         BLOB NOT NULL,
        created_at   TEXT NOT NULL
    );
INSERT INTO "report_attachment" VALUES(1,'b3f42556-54ae-4d33-8b9c-77263caa760c','pupil-1','image/png',1,1,264,X'89504E470D0A1A0A000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF','2026-12-07T08:42:35.862985+00:00');
CREATE TABLE report_form (
        token      TEXT PRIMARY KEY,
        user_key   TEXT NOT NULL,
        school     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        report_id  TEXT REFERENCES report (id) ON DELETE CASCADE
    , message TEXT);
INSERT INTO "report_form" VALUES('form-1','pupil-1','de-breul','2026-03-02T09:30:15.123456+00:00','b3f42556-54ae-4d33-8b9c-77263caa760c',NULL);
INSERT INTO "report_form" VALUES('form-2','pupil-2','de-breul','2026-03-02T09:30:15.123456+00:00',NULL,NULL);
INSERT INTO "report_form" VALUES('form-3','pupil-3','de-breul','2026-03-02T09:30:15.123456+00:00','32ec8b00-9fd2-4171-ad77-848a4578340f','{"text":"Je bent zo dom 😡\nOprotten.","cut":true,"author":"Daan Jansen","sent_at":"2026-03-02T06:30:15.123456Z","images":2}');
INSERT INTO "report_form" VALUES('form-4','pupil-3','de-breul','2026-03-02T09:30:15.123456+00:00',NULL,'{"text":"Je bent zo dom 😡\nOprotten.","cut":true,"author":"Daan Jansen","sent_at":"2026-03-02T06:30:15.123456Z","images":2}');
CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
);
INSERT INTO "schema_version" VALUES(1,'2026-12-07T08:42:35.808131+00:00');
INSERT INTO "schema_version" VALUES(2,'2026-12-07T08:42:35.808968+00:00');
INSERT INTO "schema_version" VALUES(3,'2026-12-07T08:42:35.809588+00:00');
INSERT INTO "schema_version" VALUES(4,'2026-12-07T08:42:35.810259+00:00');
INSERT INTO "schema_version" VALUES(5,'2026-12-07T08:42:35.811254+00:00');
INSERT INTO "schema_version" VALUES(6,'2026-12-07T08:42:35.812166+00:00');
INSERT INTO "schema_version" VALUES(7,'2026-12-07T08:42:35.815608+00:00');
INSERT INTO "schema_version" VALUES(8,'2026-12-07T08:42:35.816403+00:00');
INSERT INTO "schema_version" VALUES(9,'2026-12-07T08:42:35.817006+00:00');
CREATE TABLE unanswered_question (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        month    TEXT NOT NULL
    );
INSERT INTO "unanswered_question" VALUES(1,'de-breul','ouder','mag ik appen?','2026-03');
INSERT INTO "unanswered_question" VALUES(2,'de-breul','leerling','en tiktok?','2026-02');
CREATE INDEX feedback_article_school ON feedback_article (school, article);
CREATE INDEX report_reporter ON report (reporter_key, created_at);
CREATE INDEX audit_report ON audit (report_id, id);
CREATE INDEX outbox_pending ON outbox (conversation_key, id) WHERE status = 'pending';
CREATE INDEX case_entry_report ON case_entry (report_id, id);
CREATE INDEX report_form_unused ON report_form (created_at) WHERE report_id IS NULL;
CREATE INDEX report_attachment_report ON report_attachment (report_id, id);
CREATE INDEX report_closed ON report (status, updated_at);
CREATE INDEX report_school_created ON report (school, created_at);
CREATE INDEX forwarded_question_asker ON forwarded_question (asker_key, created_at);
CREATE INDEX forwarded_question_changed ON forwarded_question (school, updated_at);
CREATE INDEX audit_question ON audit (question_id, id);
CREATE INDEX issued_answer_user ON issued_answer (user_key, issued_at);
CREATE INDEX issued_answer_issued ON issued_answer (issued_at);
CREATE INDEX pending_question_asked ON pending_question (asked_at);
CREATE INDEX outbox_unsent ON outbox (status, created_at) WHERE status IN ('pending', 'dead');
CREATE INDEX unanswered_question_school ON unanswered_question (school, month);
CREATE INDEX unanswered_question_month ON unanswered_question (month);
CREATE INDEX feedback_school_at ON feedback (school, at);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('feedback',3);
INSERT INTO "sqlite_sequence" VALUES('unanswered_question',2);
INSERT INTO "sqlite_sequence" VALUES('audit',14);
INSERT INTO "sqlite_sequence" VALUES('outbox',12);
INSERT INTO "sqlite_sequence" VALUES('case_entry',2);
INSERT INTO "sqlite_sequence" VALUES('report_attachment',1);
COMMIT;
