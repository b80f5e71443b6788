--
-- PostgreSQL database dump
--

\restrict ubMd2mpJh2cN7rlPacQIGt4A1ztIf64bhp9Dm8PhuQZ0Du3pBUOfmzAAs8dTgNZ

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

--
-- Name: tm_bump_epoch(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tm_bump_epoch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN IF current_setting('tmgr.tm_epoch_bumped', true) IS DISTINCT FROM 'y' THEN UPDATE tm_generation SET generation = floor(random() * 9007199254740991)::bigint, epoch = floor(random() * 9007199254740991)::bigint; PERFORM set_config('tmgr.tm_epoch_bumped', 'y', true); END IF; RETURN NULL; END $$;


--
-- Name: tm_bump_generation(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tm_bump_generation() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN IF current_setting('tmgr.tm_bumped', true) IS DISTINCT FROM 'y' THEN UPDATE tm_generation SET generation = floor(random() * 9007199254740991)::bigint; PERFORM set_config('tmgr.tm_bumped', 'y', true); END IF; RETURN NULL; END $$;


--
-- Name: tm_bump_if_approved(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.tm_bump_if_approved() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  touched boolean := false;
BEGIN
  -- each query names only the transition tables its trigger has
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    touched := EXISTS (SELECT 1 FROM new_rows WHERE state = 'approved');
  END IF;
  IF NOT touched AND TG_OP IN ('UPDATE', 'DELETE') THEN
    touched := EXISTS (SELECT 1 FROM old_rows WHERE state = 'approved');
  END IF;
  IF touched THEN
    IF current_setting('tmgr.tm_bumped', true) IS DISTINCT FROM 'y' THEN UPDATE tm_generation SET generation = floor(random() * 9007199254740991)::bigint; PERFORM set_config('tmgr.tm_bumped', 'y', true); END IF;
  END IF;
  RETURN NULL;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: blocks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.blocks (
    id integer NOT NULL,
    document_id integer NOT NULL,
    "position" integer NOT NULL,
    kind character varying(16) NOT NULL,
    text text NOT NULL
);


--
-- Name: blocks_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.blocks_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: blocks_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.blocks_id_seq OWNED BY public.blocks.id;


--
-- Name: comments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.comments (
    id integer NOT NULL,
    segment_id integer NOT NULL,
    lang character varying(16) NOT NULL,
    user_id integer,
    text text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: comments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.comments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: comments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.comments_id_seq OWNED BY public.comments.id;


--
-- Name: documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.documents (
    id integer NOT NULL,
    slug character varying(200) NOT NULL,
    title text NOT NULL,
    section character varying(200),
    week_text character varying(100),
    week_start date,
    week_end date,
    status_line character varying(200),
    author character varying(200),
    source_path text NOT NULL,
    checksum character varying(64) NOT NULL,
    no_external_mt boolean NOT NULL,
    deadline date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: documents_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.documents_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: documents_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.documents_id_seq OWNED BY public.documents.id;


--
-- Name: glossary_terms; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.glossary_terms (
    id integer NOT NULL,
    term character varying(200) NOT NULL,
    note text NOT NULL,
    do_not_translate boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: glossary_terms_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.glossary_terms_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: glossary_terms_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.glossary_terms_id_seq OWNED BY public.glossary_terms.id;


--
-- Name: glossary_translations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.glossary_translations (
    id integer NOT NULL,
    term_id integer NOT NULL,
    lang character varying(16) NOT NULL,
    text text NOT NULL,
    forbidden text NOT NULL
);


--
-- Name: glossary_translations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.glossary_translations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: glossary_translations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.glossary_translations_id_seq OWNED BY public.glossary_translations.id;


--
-- Name: login_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_attempts (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    remote_addr character varying(64) NOT NULL,
    success boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: login_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.login_attempts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: login_attempts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.login_attempts_id_seq OWNED BY public.login_attempts.id;


--
-- Name: mt_cache; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mt_cache (
    id integer NOT NULL,
    engine character varying(32) NOT NULL,
    source_lang character varying(16) NOT NULL,
    target_lang character varying(16) NOT NULL,
    source_hash character varying(64) NOT NULL,
    source_text text NOT NULL,
    target_text text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: mt_cache_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.mt_cache_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: mt_cache_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.mt_cache_id_seq OWNED BY public.mt_cache.id;


--
-- Name: qa_overrides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.qa_overrides (
    id integer NOT NULL,
    translation_id integer NOT NULL,
    "check" character varying(64) NOT NULL,
    reason text NOT NULL,
    user_id integer,
    translation_version integer NOT NULL,
    text_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: qa_overrides_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.qa_overrides_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: qa_overrides_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.qa_overrides_id_seq OWNED BY public.qa_overrides.id;


--
-- Name: revisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.revisions (
    id integer NOT NULL,
    translation_id integer NOT NULL,
    user_id integer,
    created_at timestamp with time zone NOT NULL,
    old_text text NOT NULL,
    new_text text NOT NULL,
    old_state character varying(16) NOT NULL,
    new_state character varying(16) NOT NULL,
    origin character varying(64),
    note text
);


--
-- Name: revisions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.revisions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: revisions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.revisions_id_seq OWNED BY public.revisions.id;


--
-- Name: segments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.segments (
    id integer NOT NULL,
    document_id integer NOT NULL,
    block_id integer NOT NULL,
    "position" integer NOT NULL,
    ordinal integer NOT NULL,
    key character varying(64) NOT NULL,
    source text NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    previous_source text,
    words integer NOT NULL
);


--
-- Name: segments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.segments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: segments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.segments_id_seq OWNED BY public.segments.id;


--
-- Name: tm_generation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tm_generation (
    id integer NOT NULL,
    generation bigint NOT NULL,
    epoch bigint NOT NULL
);


--
-- Name: tm_generation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.tm_generation_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: tm_generation_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.tm_generation_id_seq OWNED BY public.tm_generation.id;


--
-- Name: tm_units; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tm_units (
    id integer NOT NULL,
    source text NOT NULL,
    source_hash character varying(64) NOT NULL,
    target text NOT NULL,
    lang character varying(16) NOT NULL,
    origin character varying(200),
    document character varying(200),
    context_before text,
    context_after text,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: tm_units_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.tm_units_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: tm_units_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.tm_units_id_seq OWNED BY public.tm_units.id;


--
-- Name: translations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.translations (
    id integer NOT NULL,
    segment_id integer NOT NULL,
    lang character varying(16) NOT NULL,
    text text NOT NULL,
    state character varying(16) NOT NULL,
    origin character varying(64),
    version integer NOT NULL,
    updated_by_id integer,
    updated_at timestamp with time zone NOT NULL,
    mt_error character varying(300),
    pivot_hash character varying(64),
    flags character varying(200) NOT NULL
);


--
-- Name: translations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.translations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: translations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.translations_id_seq OWNED BY public.translations.id;


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    password_hash character varying(256) NOT NULL,
    role character varying(16) NOT NULL,
    languages character varying(100) NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: blocks id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blocks ALTER COLUMN id SET DEFAULT nextval('public.blocks_id_seq'::regclass);


--
-- Name: comments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments ALTER COLUMN id SET DEFAULT nextval('public.comments_id_seq'::regclass);


--
-- Name: documents id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents ALTER COLUMN id SET DEFAULT nextval('public.documents_id_seq'::regclass);


--
-- Name: glossary_terms id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_terms ALTER COLUMN id SET DEFAULT nextval('public.glossary_terms_id_seq'::regclass);


--
-- Name: glossary_translations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_translations ALTER COLUMN id SET DEFAULT nextval('public.glossary_translations_id_seq'::regclass);


--
-- Name: login_attempts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts ALTER COLUMN id SET DEFAULT nextval('public.login_attempts_id_seq'::regclass);


--
-- Name: mt_cache id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mt_cache ALTER COLUMN id SET DEFAULT nextval('public.mt_cache_id_seq'::regclass);


--
-- Name: qa_overrides id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qa_overrides ALTER COLUMN id SET DEFAULT nextval('public.qa_overrides_id_seq'::regclass);


--
-- Name: revisions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revisions ALTER COLUMN id SET DEFAULT nextval('public.revisions_id_seq'::regclass);


--
-- Name: segments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.segments ALTER COLUMN id SET DEFAULT nextval('public.segments_id_seq'::regclass);


--
-- Name: tm_generation id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tm_generation ALTER COLUMN id SET DEFAULT nextval('public.tm_generation_id_seq'::regclass);


--
-- Name: tm_units id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tm_units ALTER COLUMN id SET DEFAULT nextval('public.tm_units_id_seq'::regclass);


--
-- Name: translations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.translations ALTER COLUMN id SET DEFAULT nextval('public.translations_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Data for Name: blocks; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.blocks (id, document_id, "position", kind, text) FROM stdin;
1	1	0	title	Minsk and Moscow Agree on Simpler Border Crossings for Freight
2	1	1	lead	Belarus and Russia have signed an agreement that removes duplicate customs checks for freight moving between the two countries. Minsk presents the deal as a step toward a common transport space, while Belarusian carriers expect it to cut waiting times at the border by several hours.
3	1	2	paragraph	The agreement covers road and rail freight and enters into force on January 1. Carriers will submit one electronic declaration, which both customs services will be able to see.
4	1	3	paragraph	For Belarusian exporters, who now send most of their goods east, even small savings on logistics matter. The sanctions closed many routes to the European Union, and the Russian market has become the main outlet for Belarusian machinery and food.
5	1	4	paragraph	At the same time, the deal further ties Belarusian customs procedures to Russian information systems, which reduces the room for an independent trade policy in the future.
6	2	0	title	Trade with China Fails to Offset the Loss of Western Markets
7	2	1	lead	Despite loud declarations of an “all-weather partnership,” Belarusian exports to China fell for the third consecutive quarter. Official Minsk continues to count on Beijing as an alternative to lost Western markets, but Chinese buyers are taking only raw materials, and at a discount.
8	2	2	paragraph	According to the National Statistical Committee, exports to China in January–September were 14% lower than a year earlier. Potash fertilizers, wood pulp and frozen meat account for most of the supplies, while machine-building enterprises have barely increased their sales.
9	2	3	heading	Where the Money Goes
10	2	4	paragraph	The government explains the decline by logistical difficulties and temporary price fluctuations. However, the structure of trade points to deeper problems:
11	2	5	list_item	Chinese importers demand discounts of up to 30% for goods under Western sanctions;
12	2	6	list_item	transport through Russia adds two to three weeks to delivery times;
13	2	7	list_item	payments in yuan pass through a small number of regional banks, which raises costs.
14	2	8	quote	“We will double our trade with China within three years, whatever the sanctions.”
15	2	9	paragraph	Prime Minister Raman Halouchanka repeated this promise at a meeting with Chinese investors, although similar targets set in 2021 and 2023 were not met.
16	2	10	paragraph	In the short term, the authorities are likely to rely on administrative pressure on exporters and new preferential loans. This will support reporting figures but will not change the raw-material nature of trade with China.
17	3	0	title	Minsk Opens the Year with Snap Drills Near the Polish Border
18	3	1	lead	Minsk has announced a new round of snap combat readiness checks for the first week of the year. The regime presents the drills as a response to NATO activity on the western border, while the scale of the exercises remains modest.
19	3	2	heading	What the Drills Involve
20	3	3	paragraph	According to the Ministry of Defense, units of the 6th Mechanized Brigade and the 120th Anti-Aircraft Missile Brigade were moved to training grounds in the Hrodna region. The checks include:
21	3	4	list_item	deploying air defense units to cover the border;
22	3	5	list_item	practicing the defense of bridges over the Nioman;
23	3	6	list_item	calling up reservists for up to 10 days.
24	3	7	paragraph	Defense Minister Viktar Khrenin commented on the purpose of the checks:
25	3	8	quote	We are not threatening anyone, but we must be ready to respond to any provocation on our western border.
26	3	9	heading	Signals to the Neighbors
27	3	10	paragraph	The Polish Ministry of National Defence said it was monitoring the movement of troops and saw no immediate threat. Lithuania and Latvia made similar statements.
28	3	11	paragraph	Three factors explain the timing:
29	3	12	list_item	the regime wants to show loyalty to Moscow before the Union State summit;
30	3	13	list_item	the army needs to test the reservists called up in autumn;
31	3	14	list_item	Lukashenka uses military tension to justify spending cuts elsewhere.
32	3	15	paragraph	The drills are unlikely to grow into a larger operation, but they keep the border region tense and give Minsk another argument in its dispute with Warsaw over the closed checkpoints.
\.


--
-- Data for Name: comments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.comments (id, segment_id, lang, user_id, text, created_at) FROM stdin;
1	2	ru	2	Check the name @translator1	2026-12-01 08:34:51.394814+00
\.


--
-- Data for Name: documents; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.documents (id, slug, title, section, week_text, week_start, week_end, status_line, author, source_path, checksum, no_external_mt, deadline, created_at, updated_at) FROM stdin;
3	2024-12-30-winter-drills	Minsk Opens the Year with Snap Drills Near the Polish Border	Security	December 30, 2024 – January 5, 2025	2024-12-30	2025-01-05	The situation has worsened	Pavel Novik and Ala Marchuk	tests/data/sources/2024-12-30-winter-drills.md	11bf10eefebfe0d7478e310443feeb600ec9a5082d7c3e32abda72d0c18e5cf8	f	\N	2026-12-01 08:34:51.10576+00	2026-12-01 08:34:51.105764+00
1	2024-10-14-crossings	Minsk and Moscow Agree on Simpler Border Crossings for Freight	Belarus-Russia relations	Oct. 14 – Oct. 20, 2024	2024-10-14	2024-10-20	The situation has slightly improved	\N	tests/data/sources/2024-10-14-crossings.txt	09647133fab5ff4e24db09b1d20fe29b00df772679aef444c6d01bf9ce20a508	f	2024-10-20	2026-12-01 08:34:51.005089+00	2026-12-01 08:34:51.165459+00
2	2024-11-04-china-trade	Trade with China Fails to Offset the Loss of Western Markets	Economy	November 4–10, 2024	2024-11-04	2024-11-10	The situation has worsened	Hanna Sakalova	tests/data/sources/2024-11-04-china-trade.txt	c84d3bdd479ffa1074a514779ea70001fd4f075d624908ce110b1c906584b73d	t	\N	2026-12-01 08:34:51.056624+00	2026-12-01 08:34:51.166457+00
\.


--
-- Data for Name: glossary_terms; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.glossary_terms (id, term, note, do_not_translate, created_at, updated_at) FROM stdin;
1	Lukashenka	the president	f	2026-12-01 08:34:51.405748+00	2026-12-01 08:34:51.405756+00
2	Hi-Tech Park		f	2026-12-01 08:34:51.413455+00	2026-12-01 08:34:51.413461+00
\.


--
-- Data for Name: glossary_translations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.glossary_translations (id, term_id, lang, text, forbidden) FROM stdin;
1	1	be	Лукашэнка	
2	1	ru	Лукашенко	Лукашенка
3	2	be	Парк высокіх тэхналогій	
\.


--
-- Data for Name: login_attempts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.login_attempts (id, name, remote_addr, success, created_at) FROM stdin;
1	admin1	127.0.0.1	f	2026-12-01 08:34:51.41617+00
2	admin1	127.0.0.1	t	2026-12-01 08:34:51.416174+00
\.


--
-- Data for Name: mt_cache; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.mt_cache (id, engine, source_lang, target_lang, source_hash, source_text, target_text, created_at) FROM stdin;
1	google	en	be	2d8bd7d9bb5f85ba643f0110d50cb506a1fe439e769a22503193ea6046bb87f7	Hello.	Мінск — сталіца.	2026-12-01 08:34:51.419239+00
2	google	en	ru	2d8bd7d9bb5f85ba643f0110d50cb506a1fe439e769a22503193ea6046bb87f7	Hello.	Минск — столица.	2026-12-01 08:34:51.419243+00
\.


--
-- Data for Name: qa_overrides; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.qa_overrides (id, translation_id, "check", reason, user_id, translation_version, text_hash, created_at) FROM stdin;
1	4	numbers	as said	2	2	25523ec04b699c7dc6cccd512475825ccbb3da44adf6f8fa747a2befbc0da23a	2026-12-01 08:34:51.397526+00
\.


--
-- Data for Name: revisions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.revisions (id, translation_id, user_id, created_at, old_text, new_text, old_state, new_state, origin, note) FROM stdin;
1	2	\N	2026-12-01 08:34:51.17393+00		[ru] Minsk and Moscow Agree on Simpler Border Crossings for Freig	untranslated	draft	mt:offline	\N
2	3	1	2026-12-01 08:34:51.178482+00		[be] Belarus and Russia have signed an agreement that removes dup	untranslated	needs_editing	human	\N
3	4	1	2026-12-01 08:34:51.180884+00		[ru] Belarus and Russia have signed an agreement that removes dup	untranslated	translated	human	\N
4	5	1	2026-12-01 08:34:51.183958+00		[be] Minsk presents the deal as a step toward a common transport 	untranslated	translated	human	\N
5	5	2	2026-12-01 08:34:51.187397+00	[be] Minsk presents the deal as a step toward a common transport 	[be] Minsk presents the deal as a step toward a common transport 	translated	approved	human	approved
6	7	\N	2026-12-01 08:34:51.190223+00		[be] The agreement covers road and rail freight and enters into f	untranslated	draft	mt:offline	\N
7	8	1	2026-12-01 08:34:51.192173+00		[ru] The agreement covers road and rail freight and enters into f	untranslated	needs_editing	human	\N
8	9	1	2026-12-01 08:34:51.196995+00		[be] Carriers will submit one electronic declaration, which both 	untranslated	translated	human	\N
9	10	1	2026-12-01 08:34:51.199167+00		[ru] Carriers will submit one electronic declaration, which both 	untranslated	translated	human	\N
10	10	2	2026-12-01 08:34:51.200921+00	[ru] Carriers will submit one electronic declaration, which both 	[ru] Carriers will submit one electronic declaration, which both 	translated	approved	human	approved
11	12	\N	2026-12-01 08:34:51.20348+00		[ru] For Belarusian exporters, who now send most of their goods e	untranslated	draft	mt:offline	\N
12	13	1	2026-12-01 08:34:51.205918+00		[be] The sanctions closed many routes to the European Union, and 	untranslated	needs_editing	human	\N
13	14	1	2026-12-01 08:34:51.207668+00		[ru] The sanctions closed many routes to the European Union, and 	untranslated	translated	human	\N
14	15	1	2026-12-01 08:34:51.210097+00		[be] At the same time, the deal further ties Belarusian customs p	untranslated	translated	human	\N
15	15	2	2026-12-01 08:34:51.211839+00	[be] At the same time, the deal further ties Belarusian customs p	[be] At the same time, the deal further ties Belarusian customs p	translated	approved	human	approved
16	17	\N	2026-12-01 08:34:51.215009+00		[be] Trade with China Fails to Offset the Loss of Western Markets	untranslated	draft	mt:offline	\N
17	18	1	2026-12-01 08:34:51.216694+00		[ru] Trade with China Fails to Offset the Loss of Western Markets	untranslated	needs_editing	human	\N
18	19	1	2026-12-01 08:34:51.218926+00		[be] Despite loud declarations of an “all-weather partnership,” B	untranslated	translated	human	\N
19	20	1	2026-12-01 08:34:51.220344+00		[ru] Despite loud declarations of an “all-weather partnership,” B	untranslated	translated	human	\N
20	20	2	2026-12-01 08:34:51.222013+00	[ru] Despite loud declarations of an “all-weather partnership,” B	[ru] Despite loud declarations of an “all-weather partnership,” B	translated	approved	human	approved
21	22	\N	2026-12-01 08:34:51.224302+00		[ru] Official Minsk continues to count on Beijing as an alternati	untranslated	draft	mt:offline	\N
22	23	1	2026-12-01 08:34:51.228435+00		[be] According to the National Statistical Committee, exports to 	untranslated	needs_editing	human	\N
23	24	1	2026-12-01 08:34:51.23089+00		[ru] According to the National Statistical Committee, exports to 	untranslated	translated	human	\N
24	25	1	2026-12-01 08:34:51.234259+00		[be] Potash fertilizers, wood pulp and frozen meat account for mo	untranslated	translated	human	\N
25	25	2	2026-12-01 08:34:51.236829+00	[be] Potash fertilizers, wood pulp and frozen meat account for mo	[be] Potash fertilizers, wood pulp and frozen meat account for mo	translated	approved	human	approved
26	27	\N	2026-12-01 08:34:51.240281+00		[be] Where the Money Goes	untranslated	draft	mt:offline	\N
27	28	1	2026-12-01 08:34:51.242911+00		[ru] Where the Money Goes	untranslated	needs_editing	human	\N
28	29	1	2026-12-01 08:34:51.246026+00		[be] The government explains the decline by logistical difficulti	untranslated	translated	human	\N
29	30	1	2026-12-01 08:34:51.248911+00		[ru] The government explains the decline by logistical difficulti	untranslated	translated	human	\N
30	30	2	2026-12-01 08:34:51.251448+00	[ru] The government explains the decline by logistical difficulti	[ru] The government explains the decline by logistical difficulti	translated	approved	human	approved
31	32	\N	2026-12-01 08:34:51.254841+00		[ru] However, the structure of trade points to deeper problems:	untranslated	draft	mt:offline	\N
32	33	1	2026-12-01 08:34:51.258241+00		[be] Chinese importers demand discounts of up to 30% for goods un	untranslated	needs_editing	human	\N
33	34	1	2026-12-01 08:34:51.260595+00		[ru] Chinese importers demand discounts of up to 30% for goods un	untranslated	translated	human	\N
34	35	1	2026-12-01 08:34:51.263668+00		[be] transport through Russia adds two to three weeks to delivery	untranslated	translated	human	\N
35	35	2	2026-12-01 08:34:51.265931+00	[be] transport through Russia adds two to three weeks to delivery	[be] transport through Russia adds two to three weeks to delivery	translated	approved	human	approved
36	37	\N	2026-12-01 08:34:51.268947+00		[be] payments in yuan pass through a small number of regional ban	untranslated	draft	mt:offline	\N
37	38	1	2026-12-01 08:34:51.271165+00		[ru] payments in yuan pass through a small number of regional ban	untranslated	needs_editing	human	\N
38	39	1	2026-12-01 08:34:51.27462+00		[be] “We will double our trade with China within three years, wha	untranslated	translated	human	\N
39	40	1	2026-12-01 08:34:51.276726+00		[ru] “We will double our trade with China within three years, wha	untranslated	translated	human	\N
40	40	2	2026-12-01 08:34:51.278938+00	[ru] “We will double our trade with China within three years, wha	[ru] “We will double our trade with China within three years, wha	translated	approved	human	approved
41	42	\N	2026-12-01 08:34:51.281985+00		[ru] Prime Minister Raman Halouchanka repeated this promise at a 	untranslated	draft	mt:offline	\N
42	43	1	2026-12-01 08:34:51.285074+00		[be] In the short term, the authorities are likely to rely on adm	untranslated	needs_editing	human	\N
43	44	1	2026-12-01 08:34:51.287872+00		[ru] In the short term, the authorities are likely to rely on adm	untranslated	translated	human	\N
44	45	1	2026-12-01 08:34:51.290468+00		[be] This will support reporting figures but will not change the 	untranslated	translated	human	\N
45	45	2	2026-12-01 08:34:51.292337+00	[be] This will support reporting figures but will not change the 	[be] This will support reporting figures but will not change the 	translated	approved	human	approved
46	47	\N	2026-12-01 08:34:51.294938+00		[be] Minsk Opens the Year with Snap Drills Near the Polish Border	untranslated	draft	mt:offline	\N
47	48	1	2026-12-01 08:34:51.296898+00		[ru] Minsk Opens the Year with Snap Drills Near the Polish Border	untranslated	needs_editing	human	\N
48	49	1	2026-12-01 08:34:51.299594+00		[be] Minsk has announced a new round of snap combat readiness che	untranslated	translated	human	\N
49	50	1	2026-12-01 08:34:51.302355+00		[ru] Minsk has announced a new round of snap combat readiness che	untranslated	translated	human	\N
50	50	2	2026-12-01 08:34:51.304281+00	[ru] Minsk has announced a new round of snap combat readiness che	[ru] Minsk has announced a new round of snap combat readiness che	translated	approved	human	approved
51	52	\N	2026-12-01 08:34:51.308098+00		[ru] The regime presents the drills as a response to NATO activit	untranslated	draft	mt:offline	\N
52	53	1	2026-12-01 08:34:51.310295+00		[be] What the Drills Involve	untranslated	needs_editing	human	\N
53	54	1	2026-12-01 08:34:51.311896+00		[ru] What the Drills Involve	untranslated	translated	human	\N
54	55	1	2026-12-01 08:34:51.314226+00		[be] According to the Ministry of Defense, units of the 6th Mecha	untranslated	translated	human	\N
55	55	2	2026-12-01 08:34:51.315985+00	[be] According to the Ministry of Defense, units of the 6th Mecha	[be] According to the Ministry of Defense, units of the 6th Mecha	translated	approved	human	approved
56	57	\N	2026-12-01 08:34:51.319094+00		[be] The checks include:	untranslated	draft	mt:offline	\N
57	58	1	2026-12-01 08:34:51.322254+00		[ru] The checks include:	untranslated	needs_editing	human	\N
58	59	1	2026-12-01 08:34:51.325813+00		[be] deploying air defense units to cover the border;	untranslated	translated	human	\N
59	60	1	2026-12-01 08:34:51.328179+00		[ru] deploying air defense units to cover the border;	untranslated	translated	human	\N
60	60	2	2026-12-01 08:34:51.330553+00	[ru] deploying air defense units to cover the border;	[ru] deploying air defense units to cover the border;	translated	approved	human	approved
61	62	\N	2026-12-01 08:34:51.333508+00		[ru] practicing the defense of bridges over the Nioman;	untranslated	draft	mt:offline	\N
62	63	1	2026-12-01 08:34:51.336374+00		[be] calling up reservists for up to 10 days.	untranslated	needs_editing	human	\N
63	64	1	2026-12-01 08:34:51.338535+00		[ru] calling up reservists for up to 10 days.	untranslated	translated	human	\N
64	65	1	2026-12-01 08:34:51.342687+00		[be] Defense Minister Viktar Khrenin commented on the purpose of 	untranslated	translated	human	\N
65	65	2	2026-12-01 08:34:51.345047+00	[be] Defense Minister Viktar Khrenin commented on the purpose of 	[be] Defense Minister Viktar Khrenin commented on the purpose of 	translated	approved	human	approved
66	67	\N	2026-12-01 08:34:51.347857+00		[be] We are not threatening anyone, but we must be ready to respo	untranslated	draft	mt:offline	\N
67	68	1	2026-12-01 08:34:51.350019+00		[ru] We are not threatening anyone, but we must be ready to respo	untranslated	needs_editing	human	\N
68	69	1	2026-12-01 08:34:51.352897+00		[be] Signals to the Neighbors	untranslated	translated	human	\N
69	70	1	2026-12-01 08:34:51.354868+00		[ru] Signals to the Neighbors	untranslated	translated	human	\N
70	70	2	2026-12-01 08:34:51.356967+00	[ru] Signals to the Neighbors	[ru] Signals to the Neighbors	translated	approved	human	approved
71	72	\N	2026-12-01 08:34:51.359984+00		[ru] The Polish Ministry of National Defence said it was monitori	untranslated	draft	mt:offline	\N
72	73	1	2026-12-01 08:34:51.36313+00		[be] Lithuania and Latvia made similar statements.	untranslated	needs_editing	human	\N
73	74	1	2026-12-01 08:34:51.365311+00		[ru] Lithuania and Latvia made similar statements.	untranslated	translated	human	\N
74	75	1	2026-12-01 08:34:51.368115+00		[be] Three factors explain the timing:	untranslated	translated	human	\N
75	75	2	2026-12-01 08:34:51.370095+00	[be] Three factors explain the timing:	[be] Three factors explain the timing:	translated	approved	human	approved
76	77	\N	2026-12-01 08:34:51.372907+00		[be] the regime wants to show loyalty to Moscow before the Union 	untranslated	draft	mt:offline	\N
77	78	1	2026-12-01 08:34:51.374928+00		[ru] the regime wants to show loyalty to Moscow before the Union 	untranslated	needs_editing	human	\N
78	79	1	2026-12-01 08:34:51.378932+00		[be] the army needs to test the reservists called up in autumn;	untranslated	translated	human	\N
79	80	1	2026-12-01 08:34:51.381314+00		[ru] the army needs to test the reservists called up in autumn;	untranslated	translated	human	\N
80	80	2	2026-12-01 08:34:51.383568+00	[ru] the army needs to test the reservists called up in autumn;	[ru] the army needs to test the reservists called up in autumn;	translated	approved	human	approved
81	82	\N	2026-12-01 08:34:51.386657+00		[ru] Lukashenka uses military tension to justify spending cuts el	untranslated	draft	mt:offline	\N
82	83	1	2026-12-01 08:34:51.389716+00		[be] The drills are unlikely to grow into a larger operation, but	untranslated	needs_editing	human	\N
83	84	1	2026-12-01 08:34:51.392052+00		[ru] The drills are unlikely to grow into a larger operation, but	untranslated	translated	human	\N
\.


--
-- Data for Name: segments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.segments (id, document_id, block_id, "position", ordinal, key, source, start_offset, end_offset, previous_source, words) FROM stdin;
1	1	1	0	0	92a614aebb09	Minsk and Moscow Agree on Simpler Border Crossings for Freight	0	62	\N	10
2	1	2	0	1	93bc10923642	Belarus and Russia have signed an agreement that removes duplicate customs checks for freight moving between the two countries.	0	127	\N	19
3	1	2	1	2	6e592c9541bc	Minsk presents the deal as a step toward a common transport space, while Belarusian carriers expect it to cut waiting times at the border by several hours.	128	283	\N	27
4	1	3	0	3	163263a5018d	The agreement covers road and rail freight and enters into force on January 1.	0	78	\N	14
5	1	3	1	4	42988fc15d51	Carriers will submit one electronic declaration, which both customs services will be able to see.	79	176	\N	15
6	1	4	0	5	d8556606087a	For Belarusian exporters, who now send most of their goods east, even small savings on logistics matter.	0	104	\N	17
7	1	4	1	6	fc277515143d	The sanctions closed many routes to the European Union, and the Russian market has become the main outlet for Belarusian machinery and food.	105	245	\N	23
8	1	5	0	7	b8a695d3eeba	At the same time, the deal further ties Belarusian customs procedures to Russian information systems, which reduces the room for an independent trade policy in the future.	0	171	\N	27
9	2	6	0	0	6cfd46fe8b87	Trade with China Fails to Offset the Loss of Western Markets	0	60	\N	11
10	2	7	0	1	396b2501f90f	Despite loud declarations of an “all-weather partnership,” Belarusian exports to China fell for the third consecutive quarter.	0	126	\N	17
11	2	7	1	2	76228a29c96e	Official Minsk continues to count on Beijing as an alternative to lost Western markets, but Chinese buyers are taking only raw materials, and at a discount.	127	283	\N	26
12	2	8	0	3	502eaa838ac9	According to the National Statistical Committee, exports to China in January–September were 14% lower than a year earlier.	0	122	\N	18
13	2	8	1	4	914835a02820	Potash fertilizers, wood pulp and frozen meat account for most of the supplies, while machine-building enterprises have barely increased their sales.	123	272	\N	21
14	2	9	0	5	f80fcd977c3e	Where the Money Goes	0	20	\N	4
15	2	10	0	6	12a6d9a105ba	The government explains the decline by logistical difficulties and temporary price fluctuations.	0	96	\N	12
16	2	10	1	7	97b7b0d66351	However, the structure of trade points to deeper problems:	97	155	\N	9
17	2	11	0	8	789cfe2bdc95	Chinese importers demand discounts of up to 30% for goods under Western sanctions;	0	82	\N	13
18	2	12	0	9	599682838496	transport through Russia adds two to three weeks to delivery times;	0	67	\N	11
19	2	13	0	10	5c899cbbd4e2	payments in yuan pass through a small number of regional banks, which raises costs.	0	83	\N	14
20	2	14	0	11	8c5c7a7631af	“We will double our trade with China within three years, whatever the sanctions.”	0	81	\N	13
21	2	15	0	12	57d4e32bd601	Prime Minister Raman Halouchanka repeated this promise at a meeting with Chinese investors, although similar targets set in 2021 and 2023 were not met.	0	151	\N	24
22	2	16	0	13	6ac94db7d518	In the short term, the authorities are likely to rely on administrative pressure on exporters and new preferential loans.	0	121	\N	19
23	2	16	1	14	bcfa2016ba19	This will support reporting figures but will not change the raw-material nature of trade with China.	122	222	\N	16
24	3	17	0	0	2298ca3b02a8	Minsk Opens the Year with Snap Drills Near the Polish Border	0	60	\N	11
25	3	18	0	1	9d9722dcaa39	Minsk has announced a new round of snap combat readiness checks for the first week of the year.	0	95	\N	18
26	3	18	1	2	5d7b96830054	The regime presents the drills as a response to NATO activity on the western border, while the scale of the exercises remains modest.	96	229	\N	23
27	3	19	0	3	4e28308acab6	What the Drills Involve	0	23	\N	4
28	3	20	0	4	41432a018bc8	According to the Ministry of Defense, units of the 6th Mechanized Brigade and the 120th Anti-Aircraft Missile Brigade were moved to training grounds in the Hrodna region.	0	170	\N	27
29	3	20	1	5	a007bef13e99	The checks include:	171	190	\N	3
30	3	21	0	6	39629ff4a258	deploying air defense units to cover the border;	0	48	\N	8
31	3	22	0	7	de8f9258daa8	practicing the defense of bridges over the Nioman;	0	50	\N	8
32	3	23	0	8	aa3368d46405	calling up reservists for up to 10 days.	0	40	\N	8
33	3	24	0	9	aed187576a6c	Defense Minister Viktar Khrenin commented on the purpose of the checks:	0	71	\N	11
34	3	25	0	10	af885a33d7d0	We are not threatening anyone, but we must be ready to respond to any provocation on our western border.	0	104	\N	19
35	3	26	0	11	3c8582d33433	Signals to the Neighbors	0	24	\N	4
36	3	27	0	12	e81de861d135	The Polish Ministry of National Defence said it was monitoring the movement of troops and saw no immediate threat.	0	114	\N	19
37	3	27	1	13	814a6ea1467b	Lithuania and Latvia made similar statements.	115	160	\N	6
38	3	28	0	14	1ef0b149f7bc	Three factors explain the timing:	0	33	\N	5
39	3	29	0	15	c73b0ac3a48f	the regime wants to show loyalty to Moscow before the Union State summit;	0	73	\N	13
40	3	30	0	16	c94a148b26ea	the army needs to test the reservists called up in autumn;	0	58	\N	11
41	3	31	0	17	09794af4ef98	Lukashenka uses military tension to justify spending cuts elsewhere.	0	68	\N	9
42	3	32	0	18	ec095627094b	The drills are unlikely to grow into a larger operation, but they keep the border region tense and give Minsk another argument in its dispute with Warsaw over the closed checkpoints.	0	182	\N	31
\.


--
-- Data for Name: tm_generation; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.tm_generation (id, generation, epoch) FROM stdin;
1	724380351525603	0
\.


--
-- Data for Name: tm_units; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.tm_units (id, source, source_hash, target, lang, origin, document, context_before, context_after, created_at) FROM stdin;
1	Minsk is the capital.	b0fa3c85ef9f1af141dfacb31e731f011f245055db478d3e7af23b26f2d3f437	Мінск — сталіца.	be	tmx:old.tmx	old-site	Before.	After.	2026-12-01 08:34:51.423595+00
2	Minsk is the capital.	b0fa3c85ef9f1af141dfacb31e731f011f245055db478d3e7af23b26f2d3f437	Минск — столица.	ru	tmx:old.tmx	old-site	Before.	After.	2026-12-01 08:34:51.423602+00
\.


--
-- Data for Name: translations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.translations (id, segment_id, lang, text, state, origin, version, updated_by_id, updated_at, mt_error, pivot_hash, flags) FROM stdin;
1	1	be		untranslated	\N	1	\N	2026-12-01 08:34:51.027224+00	\N	\N	
6	3	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.036932+00	\N	\N	
11	6	be		untranslated	\N	1	\N	2026-12-01 08:34:51.045127+00	\N	\N	
16	8	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.051163+00	\N	\N	
21	11	be		untranslated	\N	1	\N	2026-12-01 08:34:51.072514+00	\N	\N	
26	13	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.078027+00	\N	\N	
31	16	be		untranslated	\N	1	\N	2026-12-01 08:34:51.086242+00	\N	\N	
36	18	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.090614+00	\N	\N	
41	21	be		untranslated	\N	1	\N	2026-12-01 08:34:51.096332+00	\N	\N	
46	23	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.100036+00	\N	\N	
51	26	be		untranslated	\N	1	\N	2026-12-01 08:34:51.122016+00	\N	\N	
56	28	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.126983+00	\N	\N	
61	31	be		untranslated	\N	1	\N	2026-12-01 08:34:51.134389+00	\N	\N	
66	33	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.139918+00	\N	\N	
71	36	be		untranslated	\N	1	\N	2026-12-01 08:34:51.147616+00	\N	\N	
76	38	ru		untranslated	\N	1	\N	2026-12-01 08:34:51.152631+00	\N	\N	
81	41	be		untranslated	\N	1	\N	2026-12-01 08:34:51.158381+00	\N	\N	
2	1	ru	[ru] Minsk and Moscow Agree on Simpler Border Crossings for Freig	draft	mt:offline	2	\N	2026-12-01 08:34:51.171+00	\N	\N	
3	2	be	[be] Belarus and Russia have signed an agreement that removes dup	needs_editing	human	2	1	2026-12-01 08:34:51.176492+00	\N	\N	
4	2	ru	[ru] Belarus and Russia have signed an agreement that removes dup	translated	human	2	1	2026-12-01 08:34:51.179487+00	\N	\N	
5	3	be	[be] Minsk presents the deal as a step toward a common transport 	approved	human	3	2	2026-12-01 08:34:51.184836+00	\N	\N	
7	4	be	[be] The agreement covers road and rail freight and enters into f	draft	mt:offline	2	\N	2026-12-01 08:34:51.189073+00	\N	\N	
8	4	ru	[ru] The agreement covers road and rail freight and enters into f	needs_editing	human	3	1	2026-12-01 08:34:51.19098+00	\N	\N	mt
9	5	be	[be] Carriers will submit one electronic declaration, which both 	translated	human	2	1	2026-12-01 08:34:51.195722+00	\N	\N	
10	5	ru	[ru] Carriers will submit one electronic declaration, which both 	approved	human	3	2	2026-12-01 08:34:51.199803+00	\N	\N	
12	6	ru	[ru] For Belarusian exporters, who now send most of their goods e	draft	mt:offline	2	\N	2026-12-01 08:34:51.202452+00	\N	\N	
13	7	be	[be] The sanctions closed many routes to the European Union, and 	needs_editing	human	2	1	2026-12-01 08:34:51.204892+00	\N	\N	
14	7	ru	[ru] The sanctions closed many routes to the European Union, and 	translated	human	2	1	2026-12-01 08:34:51.206635+00	\N	\N	
15	8	be	[be] At the same time, the deal further ties Belarusian customs p	approved	human	4	2	2026-12-01 08:34:51.210705+00	\N	\N	mt
17	9	be	[be] Trade with China Fails to Offset the Loss of Western Markets	draft	mt:offline	2	\N	2026-12-01 08:34:51.213969+00	\N	\N	
18	9	ru	[ru] Trade with China Fails to Offset the Loss of Western Markets	needs_editing	human	2	1	2026-12-01 08:34:51.21571+00	\N	\N	
19	10	be	[be] Despite loud declarations of an “all-weather partnership,” B	translated	human	2	1	2026-12-01 08:34:51.217936+00	\N	\N	
20	10	ru	[ru] Despite loud declarations of an “all-weather partnership,” B	approved	human	3	2	2026-12-01 08:34:51.220902+00	\N	\N	
22	11	ru	[ru] Official Minsk continues to count on Beijing as an alternati	draft	mt:offline	3	\N	2026-12-01 08:34:51.223277+00	\N	\N	mt
23	12	be	[be] According to the National Statistical Committee, exports to 	needs_editing	human	2	1	2026-12-01 08:34:51.226934+00	\N	\N	
24	12	ru	[ru] According to the National Statistical Committee, exports to 	translated	human	2	1	2026-12-01 08:34:51.229459+00	\N	\N	
25	13	be	[be] Potash fertilizers, wood pulp and frozen meat account for mo	approved	human	3	2	2026-12-01 08:34:51.235161+00	\N	\N	
27	14	be	[be] Where the Money Goes	draft	mt:offline	2	\N	2026-12-01 08:34:51.238553+00	\N	\N	
28	14	ru	[ru] Where the Money Goes	needs_editing	human	2	1	2026-12-01 08:34:51.241499+00	\N	\N	
29	15	be	[be] The government explains the decline by logistical difficulti	translated	human	3	1	2026-12-01 08:34:51.244581+00	\N	\N	mt
30	15	ru	[ru] The government explains the decline by logistical difficulti	approved	human	3	2	2026-12-01 08:34:51.249691+00	\N	\N	
32	16	ru	[ru] However, the structure of trade points to deeper problems:	draft	mt:offline	2	\N	2026-12-01 08:34:51.25328+00	\N	\N	
33	17	be	[be] Chinese importers demand discounts of up to 30% for goods un	needs_editing	human	2	1	2026-12-01 08:34:51.256626+00	\N	\N	
34	17	ru	[ru] Chinese importers demand discounts of up to 30% for goods un	translated	human	2	1	2026-12-01 08:34:51.259152+00	\N	\N	
35	18	be	[be] transport through Russia adds two to three weeks to delivery	approved	human	3	2	2026-12-01 08:34:51.26442+00	\N	\N	
37	19	be	[be] payments in yuan pass through a small number of regional ban	draft	mt:offline	2	\N	2026-12-01 08:34:51.267573+00	\N	\N	
38	19	ru	[ru] payments in yuan pass through a small number of regional ban	needs_editing	human	2	1	2026-12-01 08:34:51.269798+00	\N	\N	
39	20	be	[be] “We will double our trade with China within three years, wha	translated	human	2	1	2026-12-01 08:34:51.273018+00	\N	\N	
40	20	ru	[ru] “We will double our trade with China within three years, wha	approved	human	3	2	2026-12-01 08:34:51.27757+00	\N	\N	
42	21	ru	[ru] Prime Minister Raman Halouchanka repeated this promise at a 	draft	mt:offline	2	\N	2026-12-01 08:34:51.280594+00	\N	\N	
43	22	be	[be] In the short term, the authorities are likely to rely on adm	needs_editing	human	3	1	2026-12-01 08:34:51.283599+00	\N	\N	mt
44	22	ru	[ru] In the short term, the authorities are likely to rely on adm	translated	human	2	1	2026-12-01 08:34:51.285985+00	\N	\N	
45	23	be	[be] This will support reporting figures but will not change the 	approved	human	3	2	2026-12-01 08:34:51.291183+00	\N	\N	
47	24	be	[be] Minsk Opens the Year with Snap Drills Near the Polish Border	draft	mt:offline	2	\N	2026-12-01 08:34:51.293722+00	\N	\N	
48	24	ru	[ru] Minsk Opens the Year with Snap Drills Near the Polish Border	needs_editing	human	2	1	2026-12-01 08:34:51.29568+00	\N	\N	
49	25	be	[be] Minsk has announced a new round of snap combat readiness che	translated	human	2	1	2026-12-01 08:34:51.298316+00	\N	\N	
50	25	ru	[ru] Minsk has announced a new round of snap combat readiness che	approved	human	4	2	2026-12-01 08:34:51.303081+00	\N	\N	mt
52	26	ru	[ru] The regime presents the drills as a response to NATO activit	draft	mt:offline	2	\N	2026-12-01 08:34:51.306774+00	\N	\N	
53	27	be	[be] What the Drills Involve	needs_editing	human	2	1	2026-12-01 08:34:51.309367+00	\N	\N	
54	27	ru	[ru] What the Drills Involve	translated	human	2	1	2026-12-01 08:34:51.310909+00	\N	\N	
55	28	be	[be] According to the Ministry of Defense, units of the 6th Mecha	approved	human	3	2	2026-12-01 08:34:51.314833+00	\N	\N	
57	29	be	[be] The checks include:	draft	mt:offline	3	\N	2026-12-01 08:34:51.317592+00	\N	\N	mt
58	29	ru	[ru] The checks include:	needs_editing	human	2	1	2026-12-01 08:34:51.320046+00	\N	\N	
59	30	be	[be] deploying air defense units to cover the border;	translated	human	2	1	2026-12-01 08:34:51.324141+00	\N	\N	
60	30	ru	[ru] deploying air defense units to cover the border;	approved	human	3	2	2026-12-01 08:34:51.329107+00	\N	\N	
62	31	ru	[ru] practicing the defense of bridges over the Nioman;	draft	mt:offline	2	\N	2026-12-01 08:34:51.332205+00	\N	\N	
63	32	be	[be] calling up reservists for up to 10 days.	needs_editing	human	2	1	2026-12-01 08:34:51.335061+00	\N	\N	
64	32	ru	[ru] calling up reservists for up to 10 days.	translated	human	3	1	2026-12-01 08:34:51.33721+00	\N	\N	mt
65	33	be	[be] Defense Minister Viktar Khrenin commented on the purpose of 	approved	human	3	2	2026-12-01 08:34:51.34358+00	\N	\N	
67	34	be	[be] We are not threatening anyone, but we must be ready to respo	draft	mt:offline	2	\N	2026-12-01 08:34:51.346628+00	\N	\N	
68	34	ru	[ru] We are not threatening anyone, but we must be ready to respo	needs_editing	human	2	1	2026-12-01 08:34:51.348649+00	\N	\N	
69	35	be	[be] Signals to the Neighbors	translated	human	2	1	2026-12-01 08:34:51.35153+00	\N	\N	
70	35	ru	[ru] Signals to the Neighbors	approved	human	3	2	2026-12-01 08:34:51.355711+00	\N	\N	
72	36	ru	[ru] The Polish Ministry of National Defence said it was monitori	draft	mt:offline	2	\N	2026-12-01 08:34:51.358586+00	\N	\N	
73	37	be	[be] Lithuania and Latvia made similar statements.	needs_editing	human	2	1	2026-12-01 08:34:51.361739+00	\N	\N	
74	37	ru	[ru] Lithuania and Latvia made similar statements.	translated	human	2	1	2026-12-01 08:34:51.364002+00	\N	\N	
75	38	be	[be] Three factors explain the timing:	approved	human	3	2	2026-12-01 08:34:51.368886+00	\N	\N	
77	39	be	[be] the regime wants to show loyalty to Moscow before the Union 	draft	mt:offline	2	\N	2026-12-01 08:34:51.371619+00	\N	\N	
78	39	ru	[ru] the regime wants to show loyalty to Moscow before the Union 	needs_editing	human	3	1	2026-12-01 08:34:51.373653+00	\N	\N	mt
79	40	be	[be] the army needs to test the reservists called up in autumn;	translated	human	2	1	2026-12-01 08:34:51.37763+00	\N	\N	
80	40	ru	[ru] the army needs to test the reservists called up in autumn;	approved	human	3	2	2026-12-01 08:34:51.382209+00	\N	\N	
82	41	ru	[ru] Lukashenka uses military tension to justify spending cuts el	draft	mt:offline	2	\N	2026-12-01 08:34:51.385275+00	\N	\N	
83	42	be	[be] The drills are unlikely to grow into a larger operation, but	needs_editing	human	2	1	2026-12-01 08:34:51.388306+00	\N	\N	
84	42	ru	[ru] The drills are unlikely to grow into a larger operation, but	translated	human	2	1	2026-12-01 08:34:51.390584+00	\N	\N	
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.users (id, name, password_hash, role, languages, active, created_at) FROM stdin;
1	translator1	scrypt:32768:8:1$pgfgSAj6ziAbMrdu$2a17baff7063315f37f66775e010cb5bd61dd1692025756e97734728e28f59b24bf895be3d1ac2bb39ebf9928b4db8d34a659e74c2a0705ad023e9d3eb44953d	translator	be,ru	t	2026-12-01 08:34:50.458182+00
2	reviewer1	scrypt:32768:8:1$1DCcarQeBr7r9zyd$a084104caa9309a951d82694af0868d0244c79e8d29b260de8d2363a7df057989826877e92eb990e3738f02692590ab566400d5654aa62a9028e04a190940108	reviewer	be,ru	t	2026-12-01 08:34:50.592886+00
3	editor1	scrypt:32768:8:1$ebnTB5RMwUKvfY1V$7e61c563c346a98d5b085a1fd8bcb39b4c8a7312c4c60c87b840d15a9c8823e429d0485d8d6b192166795ff2777fc36a00a254eb8ed53653195a8319793f8636	editor	be,ru	t	2026-12-01 08:34:50.712288+00
4	publisher1	scrypt:32768:8:1$NEU7MfzRDw7jJnnH$1a2c979662f76ad1a47e4eeab26cbb4e07b841f6831025fc46a07454e4ac46e486d27662ca08714c5a7e4d449af68a4b6935d4348a1237e8cc463bf29823a6fa	publisher	be,ru	t	2026-12-01 08:34:50.845887+00
5	admin1	scrypt:32768:8:1$DfQ11TiuKmBPSrHC$9d488169c2a0bdbb16967ada2f0cbfb68eff577e94c740865a2ea67d7e32fa00f6fcb89d34e3c9e587d74e786c7762ee2310e040869036ab15da950eec139576	admin	be,ru	t	2026-12-01 08:34:50.96675+00
\.


--
-- Name: blocks_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.blocks_id_seq', 32, true);


--
-- Name: comments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.comments_id_seq', 1, true);


--
-- Name: documents_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.documents_id_seq', 3, true);


--
-- Name: glossary_terms_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.glossary_terms_id_seq', 2, true);


--
-- Name: glossary_translations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.glossary_translations_id_seq', 3, true);


--
-- Name: login_attempts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.login_attempts_id_seq', 2, true);


--
-- Name: mt_cache_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.mt_cache_id_seq', 2, true);


--
-- Name: qa_overrides_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.qa_overrides_id_seq', 1, true);


--
-- Name: revisions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.revisions_id_seq', 83, true);


--
-- Name: segments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.segments_id_seq', 42, true);


--
-- Name: tm_generation_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tm_generation_id_seq', 1, false);


--
-- Name: tm_units_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.tm_units_id_seq', 2, true);


--
-- Name: translations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.translations_id_seq', 84, true);


--
-- Name: users_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.users_id_seq', 5, true);


--
-- Name: blocks pk_blocks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blocks
    ADD CONSTRAINT pk_blocks PRIMARY KEY (id);


--
-- Name: comments pk_comments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT pk_comments PRIMARY KEY (id);


--
-- Name: documents pk_documents; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT pk_documents PRIMARY KEY (id);


--
-- Name: glossary_terms pk_glossary_terms; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_terms
    ADD CONSTRAINT pk_glossary_terms PRIMARY KEY (id);


--
-- Name: glossary_translations pk_glossary_translations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_translations
    ADD CONSTRAINT pk_glossary_translations PRIMARY KEY (id);


--
-- Name: login_attempts pk_login_attempts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT pk_login_attempts PRIMARY KEY (id);


--
-- Name: mt_cache pk_mt_cache; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mt_cache
    ADD CONSTRAINT pk_mt_cache PRIMARY KEY (id);


--
-- Name: qa_overrides pk_qa_overrides; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qa_overrides
    ADD CONSTRAINT pk_qa_overrides PRIMARY KEY (id);


--
-- Name: revisions pk_revisions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revisions
    ADD CONSTRAINT pk_revisions PRIMARY KEY (id);


--
-- Name: segments pk_segments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.segments
    ADD CONSTRAINT pk_segments PRIMARY KEY (id);


--
-- Name: tm_generation pk_tm_generation; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tm_generation
    ADD CONSTRAINT pk_tm_generation PRIMARY KEY (id);


--
-- Name: tm_units pk_tm_units; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tm_units
    ADD CONSTRAINT pk_tm_units PRIMARY KEY (id);


--
-- Name: translations pk_translations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.translations
    ADD CONSTRAINT pk_translations PRIMARY KEY (id);


--
-- Name: users pk_users; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT pk_users PRIMARY KEY (id);


--
-- Name: documents uq_documents_slug; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT uq_documents_slug UNIQUE (slug);


--
-- Name: glossary_terms uq_glossary_terms_term; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_terms
    ADD CONSTRAINT uq_glossary_terms_term UNIQUE (term);


--
-- Name: glossary_translations uq_glossary_translations_term_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_translations
    ADD CONSTRAINT uq_glossary_translations_term_id UNIQUE (term_id, lang);


--
-- Name: mt_cache uq_mt_cache_engine; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mt_cache
    ADD CONSTRAINT uq_mt_cache_engine UNIQUE (engine, source_lang, target_lang, source_hash);


--
-- Name: qa_overrides uq_qa_overrides_translation_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qa_overrides
    ADD CONSTRAINT uq_qa_overrides_translation_id UNIQUE (translation_id, "check", text_hash);


--
-- Name: segments uq_segments_document_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.segments
    ADD CONSTRAINT uq_segments_document_id UNIQUE (document_id, key);


--
-- Name: translations uq_translations_segment_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.translations
    ADD CONSTRAINT uq_translations_segment_id UNIQUE (segment_id, lang);


--
-- Name: users uq_users_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT uq_users_name UNIQUE (name);


--
-- Name: ix_blocks_document_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_blocks_document_id ON public.blocks USING btree (document_id);


--
-- Name: ix_comments_segment_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_comments_segment_id ON public.comments USING btree (segment_id);


--
-- Name: ix_glossary_translations_term_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_glossary_translations_term_id ON public.glossary_translations USING btree (term_id);


--
-- Name: ix_login_attempts_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_login_attempts_created_at ON public.login_attempts USING btree (created_at);


--
-- Name: ix_login_attempts_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_login_attempts_name ON public.login_attempts USING btree (name);


--
-- Name: ix_qa_overrides_translation_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_qa_overrides_translation_id ON public.qa_overrides USING btree (translation_id);


--
-- Name: ix_revisions_translation_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_revisions_translation_id ON public.revisions USING btree (translation_id);


--
-- Name: ix_segments_block_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_segments_block_id ON public.segments USING btree (block_id);


--
-- Name: ix_segments_document_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_segments_document_id ON public.segments USING btree (document_id);


--
-- Name: ix_tm_units_lang; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tm_units_lang ON public.tm_units USING btree (lang);


--
-- Name: ix_tm_units_source_hash; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_tm_units_source_hash ON public.tm_units USING btree (source_hash);


--
-- Name: ix_translations_segment_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_translations_segment_id ON public.translations USING btree (segment_id);


--
-- Name: segments tm_segment_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_segment_delete AFTER DELETE ON public.segments FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_generation();


--
-- Name: segments tm_segment_source; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_segment_source AFTER UPDATE OF source ON public.segments FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_epoch();


--
-- Name: translations tm_tr_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_tr_delete AFTER DELETE ON public.translations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_if_approved();


--
-- Name: translations tm_tr_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_tr_insert AFTER INSERT ON public.translations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_if_approved();


--
-- Name: translations tm_tr_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_tr_update AFTER UPDATE ON public.translations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_if_approved();


--
-- Name: tm_units tm_unit_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tm_unit_change AFTER INSERT OR DELETE OR UPDATE ON public.tm_units FOR EACH STATEMENT EXECUTE FUNCTION public.tm_bump_generation();


--
-- Name: blocks fk_blocks_document_id_documents; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blocks
    ADD CONSTRAINT fk_blocks_document_id_documents FOREIGN KEY (document_id) REFERENCES public.documents(id) ON DELETE CASCADE;


--
-- Name: comments fk_comments_segment_id_segments; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT fk_comments_segment_id_segments FOREIGN KEY (segment_id) REFERENCES public.segments(id) ON DELETE CASCADE;


--
-- Name: comments fk_comments_user_id_users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT fk_comments_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: glossary_translations fk_glossary_translations_term_id_glossary_terms; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.glossary_translations
    ADD CONSTRAINT fk_glossary_translations_term_id_glossary_terms FOREIGN KEY (term_id) REFERENCES public.glossary_terms(id) ON DELETE CASCADE;


--
-- Name: qa_overrides fk_qa_overrides_translation_id_translations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qa_overrides
    ADD CONSTRAINT fk_qa_overrides_translation_id_translations FOREIGN KEY (translation_id) REFERENCES public.translations(id) ON DELETE CASCADE;


--
-- Name: qa_overrides fk_qa_overrides_user_id_users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.qa_overrides
    ADD CONSTRAINT fk_qa_overrides_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: revisions fk_revisions_translation_id_translations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revisions
    ADD CONSTRAINT fk_revisions_translation_id_translations FOREIGN KEY (translation_id) REFERENCES public.translations(id) ON DELETE CASCADE;


--
-- Name: revisions fk_revisions_user_id_users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.revisions
    ADD CONSTRAINT fk_revisions_user_id_users FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: segments fk_segments_block_id_blocks; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.segments
    ADD CONSTRAINT fk_segments_block_id_blocks FOREIGN KEY (block_id) REFERENCES public.blocks(id) ON DELETE CASCADE;


--
-- Name: segments fk_segments_document_id_documents; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.segments
    ADD CONSTRAINT fk_segments_document_id_documents FOREIGN KEY (document_id) REFERENCES public.documents(id) ON DELETE CASCADE;


--
-- Name: translations fk_translations_segment_id_segments; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.translations
    ADD CONSTRAINT fk_translations_segment_id_segments FOREIGN KEY (segment_id) REFERENCES public.segments(id) ON DELETE CASCADE;


--
-- Name: translations fk_translations_updated_by_id_users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.translations
    ADD CONSTRAINT fk_translations_updated_by_id_users FOREIGN KEY (updated_by_id) REFERENCES public.users(id);


--
-- PostgreSQL database dump complete
--

\unrestrict ubMd2mpJh2cN7rlPacQIGt4A1ztIf64bhp9Dm8PhuQZ0Du3pBUOfmzAAs8dTgNZ

