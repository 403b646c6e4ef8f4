--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: audit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit (
    id bigint NOT NULL,
    report_id uuid,
    actor_key text NOT NULL,
    action text NOT NULL,
    accepted boolean NOT NULL,
    detail jsonb NOT NULL,
    at timestamp with time zone NOT NULL,
    question_id uuid
);


--
-- Name: audit_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_id_seq OWNED BY public.audit.id;


--
-- Name: case_card; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_card (
    report_id uuid NOT NULL,
    version integer NOT NULL,
    token text NOT NULL
);


--
-- Name: case_counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_counter (
    school text NOT NULL,
    year integer NOT NULL,
    last integer NOT NULL
);


--
-- Name: case_entry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_entry (
    id bigint NOT NULL,
    report_id uuid NOT NULL,
    kind text NOT NULL,
    author_key text NOT NULL,
    text text NOT NULL,
    code text,
    token text,
    reply_to bigint,
    answered boolean DEFAULT false NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT case_entry_kind_check CHECK ((kind = ANY (ARRAY['notitie'::text, 'vraag'::text, 'antwoord'::text, 'afsluiting'::text])))
);


--
-- Name: case_entry_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.case_entry_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: case_entry_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.case_entry_id_seq OWNED BY public.case_entry.id;


--
-- Name: case_reminder; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.case_reminder (
    report_id uuid NOT NULL,
    day date NOT NULL
);


--
-- Name: escalation_thread; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.escalation_thread (
    report_id uuid NOT NULL,
    route text NOT NULL,
    conversation jsonb NOT NULL,
    activity_id text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: feedback; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback (
    id bigint NOT NULL,
    school text NOT NULL,
    role text NOT NULL,
    question text NOT NULL,
    sources jsonb NOT NULL,
    verdict text NOT NULL,
    useful boolean NOT NULL,
    at timestamp with time zone NOT NULL
);


--
-- Name: feedback_article; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feedback_article (
    feedback_id bigint NOT NULL,
    school text NOT NULL,
    article text NOT NULL,
    useful boolean NOT NULL
);


--
-- Name: feedback_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.feedback_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: feedback_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.feedback_id_seq OWNED BY public.feedback.id;


--
-- Name: forwarded_question; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.forwarded_question (
    id uuid NOT NULL,
    idempotency_key text NOT NULL,
    school text NOT NULL,
    number text NOT NULL,
    role text NOT NULL,
    question text NOT NULL,
    asker_key text NOT NULL,
    asker_conversation jsonb NOT NULL,
    status text NOT NULL,
    card_token text NOT NULL,
    thread_conversation jsonb,
    thread_activity_id text,
    answer text,
    answered_by text,
    answered_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT forwarded_question_status_check CHECK ((status = ANY (ARRAY['open'::text, 'answered'::text])))
);


--
-- Name: issued_answer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.issued_answer (
    token text NOT NULL,
    user_key text NOT NULL,
    school text NOT NULL,
    role text NOT NULL,
    question text NOT NULL,
    sources jsonb NOT NULL,
    verdict text NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    feedback_id bigint,
    unanswered_id bigint
);


--
-- Name: leadership_channel; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leadership_channel (
    school text NOT NULL,
    route text NOT NULL,
    conversation jsonb NOT NULL,
    team_id text,
    registered_by text NOT NULL,
    registered_at timestamp with time zone NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    id bigint NOT NULL,
    conversation_key text NOT NULL,
    message jsonb NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_error text,
    created_at timestamp with time zone NOT NULL,
    claimed_by text,
    CONSTRAINT outbox_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'dead'::text])))
);


--
-- Name: outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.outbox_id_seq OWNED BY public.outbox.id;


--
-- Name: pending_question; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pending_question (
    user_key text NOT NULL,
    question text NOT NULL,
    asked_at timestamp with time zone NOT NULL
);


--
-- Name: profile; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profile (
    user_key text NOT NULL,
    tenant_id text NOT NULL,
    school text,
    role text,
    role_source text,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: question_counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.question_counter (
    school text NOT NULL,
    year integer NOT NULL,
    last integer NOT NULL
);


--
-- Name: report; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report (
    id uuid NOT NULL,
    idempotency_key text NOT NULL,
    school text NOT NULL,
    case_number text NOT NULL,
    category text NOT NULL,
    description text NOT NULL,
    platform text,
    happened text,
    involved text,
    in_danger boolean NOT NULL,
    anonymous boolean NOT NULL,
    reporter_key text NOT NULL,
    reporter_conversation jsonb NOT NULL,
    status text NOT NULL,
    version integer NOT NULL,
    handler_key text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    reporter_name text,
    message jsonb,
    CONSTRAINT report_status_check CHECK ((status = ANY (ARRAY['nieuw'::text, 'opgepakt'::text, 'afgesloten'::text])))
);


--
-- Name: report_attachment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_attachment (
    id bigint NOT NULL,
    report_id uuid NOT NULL,
    uploader_key text NOT NULL,
    content_type text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    size integer NOT NULL,
    data bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT report_attachment_content_type_check CHECK ((content_type = ANY (ARRAY['image/png'::text, 'image/jpeg'::text, 'image/gif'::text, 'image/webp'::text])))
);


--
-- Name: report_attachment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.report_attachment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: report_attachment_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.report_attachment_id_seq OWNED BY public.report_attachment.id;


--
-- Name: report_form; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_form (
    token text NOT NULL,
    user_key text NOT NULL,
    school text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    report_id uuid,
    message jsonb
);


--
-- Name: schema_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_version (
    version integer NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: unanswered_question; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unanswered_question (
    id bigint NOT NULL,
    school text NOT NULL,
    role text NOT NULL,
    question text NOT NULL,
    month text NOT NULL
);


--
-- Name: unanswered_question_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.unanswered_question_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: unanswered_question_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.unanswered_question_id_seq OWNED BY public.unanswered_question.id;


--
-- Name: audit id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit ALTER COLUMN id SET DEFAULT nextval('public.audit_id_seq'::regclass);


--
-- Name: case_entry id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_entry ALTER COLUMN id SET DEFAULT nextval('public.case_entry_id_seq'::regclass);


--
-- Name: feedback id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback ALTER COLUMN id SET DEFAULT nextval('public.feedback_id_seq'::regclass);


--
-- Name: outbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox ALTER COLUMN id SET DEFAULT nextval('public.outbox_id_seq'::regclass);


--
-- Name: report_attachment id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_attachment ALTER COLUMN id SET DEFAULT nextval('public.report_attachment_id_seq'::regclass);


--
-- Name: unanswered_question id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unanswered_question ALTER COLUMN id SET DEFAULT nextval('public.unanswered_question_id_seq'::regclass);


--
-- Data for Name: audit; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit VALUES (1, NULL, 'aad-leader', 'kanaal_registreren', true, '{"route": "meldingen", "school": "de-breul"}', '2026-12-07 08:42:36.351066+00', NULL);
INSERT INTO public.audit VALUES (2, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'pupil-1', 'submit', true, '{}', '2026-12-07 08:42:36.356418+00', NULL);
INSERT INTO public.audit VALUES (3, 'ff3c48d4-b5f2-4916-8a65-349aa8201590', 'pupil-2', 'submit', true, '{}', '2026-12-07 08:42:36.359419+00', NULL);
INSERT INTO public.audit VALUES (4, 'f345b887-cd81-4e4d-937f-bb5cfc43a9ae', 'pupil-3', 'submit', true, '{}', '2026-12-07 08:42:36.360909+00', NULL);
INSERT INTO public.audit VALUES (5, 'f345b887-cd81-4e4d-937f-bb5cfc43a9ae', 'magdit', 'herinnering', true, '{"day": "2026-03-04"}', '2026-12-07 08:42:36.363049+00', NULL);
INSERT INTO public.audit VALUES (6, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'aad-leader', 'oppakken', true, '{"to": "opgepakt", "from": "nieuw"}', '2026-12-07 08:42:36.369453+00', NULL);
INSERT INTO public.audit VALUES (7, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'aad-leader', 'vraag', true, '{"entry": 1}', '2026-12-07 08:42:36.371958+00', NULL);
INSERT INTO public.audit VALUES (8, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'pupil-1', 'antwoord', true, '{"entry": 2, "reply_to": 1}', '2026-12-07 08:42:36.373465+00', NULL);
INSERT INTO public.audit VALUES (9, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'pupil-1', 'screenshot', true, '{"bytes": 264, "attachment": 1}', '2026-12-07 08:42:36.374999+00', NULL);
INSERT INTO public.audit VALUES (10, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'aad-leader', 'details_bekijken', true, '{"attachments": 1}', '2026-12-07 08:42:36.375641+00', NULL);
INSERT INTO public.audit VALUES (11, NULL, 'forger', 'afsluiten', false, '{"reason": "forged"}', '2026-12-07 08:42:36.376229+00', NULL);
INSERT INTO public.audit VALUES (12, NULL, 'u1', 'vraag_doorgeven', true, '{"number": "V-2026-0001"}', '2026-12-07 08:42:36.378176+00', '62d2600f-9daf-40bc-87a8-f5edd063d5a4');
INSERT INTO public.audit VALUES (13, NULL, 'aad-leader', 'vraag_beantwoorden', true, '{"number": "V-2026-0001"}', '2026-12-07 08:42:36.380327+00', '62d2600f-9daf-40bc-87a8-f5edd063d5a4');
INSERT INTO public.audit VALUES (14, NULL, 'u2', 'vraag_doorgeven', true, '{"number": "V-2026-0001"}', '2026-12-07 08:42:36.381745+00', 'd278de32-86af-4975-b6cc-4e8bcda5d5eb');


--
-- Data for Name: case_card; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.case_card VALUES ('6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 2, 'cOl3RVye09kyPXaI5D-qnxbT');


--
-- Data for Name: case_counter; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.case_counter VALUES ('de-breul', 2026, 3);


--
-- Data for Name: case_entry; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.case_entry VALUES (1, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'vraag', 'aad-leader', 'Wie?', NULL, 'q-tok', NULL, true, '2026-12-07 08:42:36.371079+00');
INSERT INTO public.case_entry VALUES (2, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'antwoord', 'pupil-1', 'Hij.', NULL, NULL, 1, false, '2026-12-07 08:42:36.372714+00');


--
-- Data for Name: case_reminder; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.case_reminder VALUES ('f345b887-cd81-4e4d-937f-bb5cfc43a9ae', '2026-03-04');


--
-- Data for Name: escalation_thread; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.escalation_thread VALUES ('6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'meldingen', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2"}', 'act-1', '2026-03-02 09:30:15.123456+00');


--
-- Data for Name: feedback; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.feedback VALUES (1, 'de-breul', 'leerling', 'mag dit?', '["de-breul:E.7"]', 'no', false, '2026-03-02 09:30:15.123456+00');
INSERT INTO public.feedback VALUES (2, 'de-breul', 'ouder', 'mag ik appen?', '["de-breul:A.1", "de-breul:E.7"]', 'yes', true, '2026-03-02 09:30:15.123456+00');
INSERT INTO public.feedback VALUES (3, 'de-breul', 'ouder', 'mag ik appen?', '[]', 'yes', false, '2026-03-02 09:30:15.123456+00');


--
-- Data for Name: feedback_article; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.feedback_article VALUES (1, 'de-breul', 'de-breul:E.7', false);
INSERT INTO public.feedback_article VALUES (2, 'de-breul', 'de-breul:A.1', true);
INSERT INTO public.feedback_article VALUES (2, 'de-breul', 'de-breul:E.7', true);


--
-- Data for Name: forwarded_question; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.forwarded_question VALUES ('62d2600f-9daf-40bc-87a8-f5edd063d5a4', 'vraag:1', 'de-breul', 'V-2026-0001', 'ouder', 'mag ik appen?', 'u1', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "a:1"}', 'answered', '7fjTA1mY1B_1tN9y3BXBMppy', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2"}', 'act-2', 'Ja, binnen schooltijd.', 'aad-leader', '2026-12-07 08:42:36.379993+00', '2026-12-07 08:42:36.37728+00', '2026-12-07 08:42:36.379993+00');
INSERT INTO public.forwarded_question VALUES ('d278de32-86af-4975-b6cc-4e8bcda5d5eb', 'vraag:2', 'de-marel', 'V-2026-0001', 'leerling', 'en ik?', 'u2', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "a:1"}', 'open', '2A_p_Tj2i-bRZ9hUXZ-2KcbM', NULL, NULL, NULL, NULL, NULL, '2026-12-07 08:42:36.381413+00', '2026-12-07 08:42:36.381413+00');


--
-- Data for Name: issued_answer; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.issued_answer VALUES ('tok-1', 'u1', 'de-breul', 'ouder', 'mag ik appen?', '["de-breul:A.1", "de-breul:E.7"]', 'yes', '2026-03-02 09:30:15.123456+00', 2, NULL);
INSERT INTO public.issued_answer VALUES ('tok-2', 'u1', 'de-breul', 'ouder', 'mag ik appen?', '[]', 'yes', '2026-03-02 09:30:15.123456+00', 3, 1);


--
-- Data for Name: leadership_channel; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.leadership_channel VALUES ('de-breul', 'meldingen', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2"}', '19:team', 'aad-leader', '2026-03-02 09:30:15.123456+00');


--
-- Data for Name: outbox; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.outbox VALUES (3, 'leadership:de-breul', '{"kind": "escalate", "report_id": "f345b887-cd81-4e4d-937f-bb5cfc43a9ae", "case_number": "M-2026-0003"}', 'pending', 0, '2026-12-07 08:42:36.360541+00', NULL, '2026-12-07 08:42:36.360541+00', NULL);
INSERT INTO public.outbox VALUES (5, 'leadership:de-breul', '{"kind": "remind", "report_id": "f345b887-cd81-4e4d-937f-bb5cfc43a9ae"}', 'pending', 0, '2026-12-07 08:42:36.363242+00', NULL, '2026-12-07 08:42:36.363242+00', NULL);
INSERT INTO public.outbox VALUES (6, 'leadership:de-breul', '{"kind": "update_card", "action": "oppakken", "report_id": "6303ff33-09c6-4b0e-bc42-0c1b38b2216e"}', 'pending', 0, '2026-12-07 08:42:36.369037+00', NULL, '2026-12-07 08:42:36.369037+00', NULL);
INSERT INTO public.outbox VALUES (8, 'reporter:pupil-1', '{"kind": "notify_reporter", "question": "ab12", "report_id": "6303ff33-09c6-4b0e-bc42-0c1b38b2216e"}', 'pending', 0, '2026-12-07 08:42:36.371079+00', NULL, '2026-12-07 08:42:36.371079+00', NULL);
INSERT INTO public.outbox VALUES (9, 'leadership:de-breul', '{"kind": "question_escalate", "number": "V-2026-0001", "question_id": "62d2600f-9daf-40bc-87a8-f5edd063d5a4"}', 'pending', 0, '2026-12-07 08:42:36.37728+00', NULL, '2026-12-07 08:42:36.37728+00', NULL);
INSERT INTO public.outbox VALUES (10, 'leadership:de-breul', '{"kind": "question_update", "question_id": "62d2600f-9daf-40bc-87a8-f5edd063d5a4"}', 'pending', 0, '2026-12-07 08:42:36.379993+00', NULL, '2026-12-07 08:42:36.379993+00', NULL);
INSERT INTO public.outbox VALUES (4, 'reporter:pupil-3', '{"kind": "confirm_reporter", "report_id": "f345b887-cd81-4e4d-937f-bb5cfc43a9ae"}', 'pending', 1, '2027-04-06 09:30:30.123456+00', NULL, '2026-12-07 08:42:36.360541+00', 'worker-a');
INSERT INTO public.outbox VALUES (11, 'asker:u1', '{"kind": "question_answer", "question_id": "62d2600f-9daf-40bc-87a8-f5edd063d5a4"}', 'pending', 1, '2027-04-06 09:30:30.123456+00', NULL, '2026-12-07 08:42:36.379993+00', 'worker-a');
INSERT INTO public.outbox VALUES (7, 'reporter:pupil-1', '{"kind": "notify_reporter", "status": "opgepakt", "report_id": "6303ff33-09c6-4b0e-bc42-0c1b38b2216e"}', 'pending', 1, '2027-04-06 09:30:30.123456+00', NULL, '2026-12-07 08:42:36.369037+00', 'worker-a');
INSERT INTO public.outbox VALUES (12, 'leadership:de-marel', '{"kind": "question_escalate", "number": "V-2026-0001", "question_id": "d278de32-86af-4975-b6cc-4e8bcda5d5eb"}', 'pending', 1, '2027-04-06 09:30:30.123456+00', NULL, '2026-12-07 08:42:36.381413+00', 'worker-a');
INSERT INTO public.outbox VALUES (1, 'leadership:de-breul', '{"kind": "escalate", "report_id": "6303ff33-09c6-4b0e-bc42-0c1b38b2216e", "case_number": "M-2026-0001"}', 'dead', 1, '2027-04-06 09:30:30.123456+00', 'HTTP 403', '2026-12-07 08:42:36.355355+00', NULL);
INSERT INTO public.outbox VALUES (2, 'leadership:de-breul', '{"kind": "escalate", "report_id": "ff3c48d4-b5f2-4916-8a65-349aa8201590", "case_number": "M-2026-0002"}', 'pending', 1, '2027-04-07 09:30:15.123456+00', 'connection error', '2026-12-07 08:42:36.358976+00', NULL);


--
-- Data for Name: pending_question; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.pending_question VALUES ('u1', 'en dit?', '2026-03-02 09:30:15.123456+00');


--
-- Data for Name: profile; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.profile VALUES ('u1', 't', 'de-breul', 'ouder', 'asked', '2026-03-02 09:30:15.123456+00');
INSERT INTO public.profile VALUES ('u2', 't', NULL, NULL, NULL, '2026-03-02 09:30:15.123456+00');


--
-- Data for Name: question_counter; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.question_counter VALUES ('de-breul', 2026, 1);
INSERT INTO public.question_counter VALUES ('de-marel', 2026, 1);


--
-- Data for Name: report; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.report VALUES ('ff3c48d4-b5f2-4916-8a65-349aa8201590', 'form-2', 'de-breul', 'M-2026-0002', 'bedreiging', 'Iemand dreigt mij — "écht" 😟', NULL, NULL, NULL, false, true, 'pupil-2', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "a:1"}', 'nieuw', 1, NULL, '2026-12-07 08:42:36.358976+00', '2026-12-07 08:42:36.358976+00', NULL, NULL);
INSERT INTO public.report VALUES ('f345b887-cd81-4e4d-937f-bb5cfc43a9ae', 'form-3', 'de-breul', 'M-2026-0003', 'bedreiging', 'Iemand dreigt mij — "écht" 😟', NULL, NULL, NULL, false, true, 'pupil-3', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "a:1"}', 'nieuw', 1, NULL, '2026-12-07 08:42:36.360541+00', '2026-12-07 08:42:36.360541+00', NULL, '{"cut": true, "text": "Je bent zo dom 😡\nOprotten.", "author": "Daan Jansen", "images": 2, "sent_at": "2026-03-02T06:30:15.123456Z"}');
INSERT INTO public.report VALUES ('6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'form-1', 'de-breul', 'M-2026-0001', 'bedreiging', 'Iemand dreigt mij — "écht" 😟', 'insta', 'gisteren', 'klas 2b', true, false, 'pupil-1', '{"tenant_id": "t", "service_url": "https://smba.example/", "conversation_id": "a:1"}', 'opgepakt', 2, 'aad-leader', '2026-12-07 08:42:36.355355+00', '2026-12-07 08:42:36.369037+00', 'Sam', NULL);


--
-- Data for Name: report_attachment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.report_attachment VALUES (1, '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', 'pupil-1', 'image/png', 1, 1, 264, '\x89504e470d0a1a0a000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', '2026-12-07 08:42:36.374273+00');


--
-- Data for Name: report_form; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.report_form VALUES ('form-2', 'pupil-2', 'de-breul', '2026-03-02 09:30:15.123456+00', NULL, NULL);
INSERT INTO public.report_form VALUES ('form-4', 'pupil-3', 'de-breul', '2026-03-02 09:30:15.123456+00', NULL, '{"cut": true, "text": "Je bent zo dom 😡\nOprotten.", "author": "Daan Jansen", "images": 2, "sent_at": "2026-03-02T06:30:15.123456Z"}');
INSERT INTO public.report_form VALUES ('form-1', 'pupil-1', 'de-breul', '2026-03-02 09:30:15.123456+00', '6303ff33-09c6-4b0e-bc42-0c1b38b2216e', NULL);
INSERT INTO public.report_form VALUES ('form-3', 'pupil-3', 'de-breul', '2026-03-02 09:30:15.123456+00', 'f345b887-cd81-4e4d-937f-bb5cfc43a9ae', '{"cut": true, "text": "Je bent zo dom 😡\nOprotten.", "author": "Daan Jansen", "images": 2, "sent_at": "2026-03-02T06:30:15.123456Z"}');


--
-- Data for Name: schema_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.schema_version VALUES (1, '2026-12-07 08:42:36.19707+00');
INSERT INTO public.schema_version VALUES (2, '2026-12-07 08:42:36.216412+00');
INSERT INTO public.schema_version VALUES (3, '2026-12-07 08:42:36.24394+00');
INSERT INTO public.schema_version VALUES (4, '2026-12-07 08:42:36.26305+00');
INSERT INTO public.schema_version VALUES (5, '2026-12-07 08:42:36.278803+00');
INSERT INTO public.schema_version VALUES (6, '2026-12-07 08:42:36.301342+00');
INSERT INTO public.schema_version VALUES (7, '2026-12-07 08:42:36.316508+00');
INSERT INTO public.schema_version VALUES (8, '2026-12-07 08:42:36.31744+00');
INSERT INTO public.schema_version VALUES (9, '2026-12-07 08:42:36.329248+00');


--
-- Data for Name: unanswered_question; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.unanswered_question VALUES (1, 'de-breul', 'ouder', 'mag ik appen?', '2026-03');
INSERT INTO public.unanswered_question VALUES (2, 'de-breul', 'leerling', 'en tiktok?', '2026-02');


--
-- Name: audit_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_id_seq', 14, true);


--
-- Name: case_entry_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.case_entry_id_seq', 2, true);


--
-- Name: feedback_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.feedback_id_seq', 3, true);


--
-- Name: outbox_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.outbox_id_seq', 12, true);


--
-- Name: report_attachment_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.report_attachment_id_seq', 1, true);


--
-- Name: unanswered_question_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.unanswered_question_id_seq', 2, true);


--
-- Name: audit audit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_pkey PRIMARY KEY (id);


--
-- Name: case_card case_card_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_card
    ADD CONSTRAINT case_card_pkey PRIMARY KEY (report_id);


--
-- Name: case_counter case_counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_counter
    ADD CONSTRAINT case_counter_pkey PRIMARY KEY (school, year);


--
-- Name: case_entry case_entry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_entry
    ADD CONSTRAINT case_entry_pkey PRIMARY KEY (id);


--
-- Name: case_reminder case_reminder_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_reminder
    ADD CONSTRAINT case_reminder_pkey PRIMARY KEY (report_id);


--
-- Name: escalation_thread escalation_thread_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalation_thread
    ADD CONSTRAINT escalation_thread_pkey PRIMARY KEY (report_id, route);


--
-- Name: feedback_article feedback_article_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_article
    ADD CONSTRAINT feedback_article_pkey PRIMARY KEY (feedback_id, article);


--
-- Name: feedback feedback_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback
    ADD CONSTRAINT feedback_pkey PRIMARY KEY (id);


--
-- Name: forwarded_question forwarded_question_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forwarded_question
    ADD CONSTRAINT forwarded_question_idempotency_key_key UNIQUE (idempotency_key);


--
-- Name: forwarded_question forwarded_question_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forwarded_question
    ADD CONSTRAINT forwarded_question_pkey PRIMARY KEY (id);


--
-- Name: forwarded_question forwarded_question_school_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.forwarded_question
    ADD CONSTRAINT forwarded_question_school_number_key UNIQUE (school, number);


--
-- Name: issued_answer issued_answer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issued_answer
    ADD CONSTRAINT issued_answer_pkey PRIMARY KEY (token);


--
-- Name: leadership_channel leadership_channel_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leadership_channel
    ADD CONSTRAINT leadership_channel_pkey PRIMARY KEY (school, route);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: pending_question pending_question_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pending_question
    ADD CONSTRAINT pending_question_pkey PRIMARY KEY (user_key);


--
-- Name: profile profile_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile
    ADD CONSTRAINT profile_pkey PRIMARY KEY (user_key);


--
-- Name: question_counter question_counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.question_counter
    ADD CONSTRAINT question_counter_pkey PRIMARY KEY (school, year);


--
-- Name: report_attachment report_attachment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_attachment
    ADD CONSTRAINT report_attachment_pkey PRIMARY KEY (id);


--
-- Name: report_form report_form_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_form
    ADD CONSTRAINT report_form_pkey PRIMARY KEY (token);


--
-- Name: report report_idempotency_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report
    ADD CONSTRAINT report_idempotency_key_key UNIQUE (idempotency_key);


--
-- Name: report report_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report
    ADD CONSTRAINT report_pkey PRIMARY KEY (id);


--
-- Name: report report_school_case_number_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report
    ADD CONSTRAINT report_school_case_number_key UNIQUE (school, case_number);


--
-- Name: schema_version schema_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (version);


--
-- Name: unanswered_question unanswered_question_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unanswered_question
    ADD CONSTRAINT unanswered_question_pkey PRIMARY KEY (id);


--
-- Name: audit_question; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_question ON public.audit USING btree (question_id, id);


--
-- Name: audit_report; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_report ON public.audit USING btree (report_id, id);


--
-- Name: case_entry_report; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_entry_report ON public.case_entry USING btree (report_id, id);


--
-- Name: feedback_article_school; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_article_school ON public.feedback_article USING btree (school, article);


--
-- Name: feedback_school_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX feedback_school_at ON public.feedback USING btree (school, at);


--
-- Name: forwarded_question_asker; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX forwarded_question_asker ON public.forwarded_question USING btree (asker_key, created_at);


--
-- Name: forwarded_question_changed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX forwarded_question_changed ON public.forwarded_question USING btree (school, updated_at);


--
-- Name: issued_answer_issued; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX issued_answer_issued ON public.issued_answer USING btree (issued_at);


--
-- Name: issued_answer_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX issued_answer_user ON public.issued_answer USING btree (user_key, issued_at);


--
-- Name: outbox_pending; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_pending ON public.outbox USING btree (conversation_key, id) WHERE (status = 'pending'::text);


--
-- Name: outbox_question; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_question ON public.outbox USING btree (((message ->> 'question_id'::text)));


--
-- Name: outbox_report; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_report ON public.outbox USING btree (((message ->> 'report_id'::text)));


--
-- Name: outbox_unsent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_unsent ON public.outbox USING btree (status, created_at) WHERE (status = ANY (ARRAY['pending'::text, 'dead'::text]));


--
-- Name: pending_question_asked; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pending_question_asked ON public.pending_question USING btree (asked_at);


--
-- Name: report_attachment_report; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_attachment_report ON public.report_attachment USING btree (report_id, id);


--
-- Name: report_closed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_closed ON public.report USING btree (status, updated_at);


--
-- Name: report_form_unused; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_form_unused ON public.report_form USING btree (created_at) WHERE (report_id IS NULL);


--
-- Name: report_reporter; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_reporter ON public.report USING btree (reporter_key, created_at);


--
-- Name: report_school_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX report_school_created ON public.report USING btree (school, created_at);


--
-- Name: unanswered_question_month; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unanswered_question_month ON public.unanswered_question USING btree (month);


--
-- Name: unanswered_question_school; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unanswered_question_school ON public.unanswered_question USING btree (school, month);


--
-- Name: audit audit_question_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.forwarded_question(id) ON DELETE CASCADE;


--
-- Name: audit audit_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit
    ADD CONSTRAINT audit_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: case_card case_card_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_card
    ADD CONSTRAINT case_card_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: case_entry case_entry_reply_to_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_entry
    ADD CONSTRAINT case_entry_reply_to_fkey FOREIGN KEY (reply_to) REFERENCES public.case_entry(id) ON DELETE CASCADE;


--
-- Name: case_entry case_entry_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_entry
    ADD CONSTRAINT case_entry_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: case_reminder case_reminder_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.case_reminder
    ADD CONSTRAINT case_reminder_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: escalation_thread escalation_thread_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.escalation_thread
    ADD CONSTRAINT escalation_thread_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: feedback_article feedback_article_feedback_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feedback_article
    ADD CONSTRAINT feedback_article_feedback_id_fkey FOREIGN KEY (feedback_id) REFERENCES public.feedback(id) ON DELETE CASCADE;


--
-- Name: issued_answer issued_answer_feedback_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issued_answer
    ADD CONSTRAINT issued_answer_feedback_id_fkey FOREIGN KEY (feedback_id) REFERENCES public.feedback(id) ON DELETE SET NULL;


--
-- Name: issued_answer issued_answer_unanswered_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issued_answer
    ADD CONSTRAINT issued_answer_unanswered_id_fkey FOREIGN KEY (unanswered_id) REFERENCES public.unanswered_question(id) ON DELETE SET NULL;


--
-- Name: report_attachment report_attachment_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_attachment
    ADD CONSTRAINT report_attachment_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- Name: report_form report_form_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_form
    ADD CONSTRAINT report_form_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.report(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


