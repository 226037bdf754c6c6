-- The signals ad and analytics platforms read (issue 26).
--
-- A site's settings for them: the GPP section's MSPA fields and whether a US visitor's state section
-- is emitted beside usnat, and whether the banner feeds Microsoft's UET consent mode and Clarity's
-- consentv2. Defaults: no MSPA covered transaction, no state section, both Microsoft signals on.
alter table site add column signals jsonb not null default '{}';
-- The UK's Data (Use and Access) Act 2025: analytics set without consent, with an easy objection.
alter table site add column uk_analytics_exemption boolean not null default false;

-- The GPP string the banner emitted with an event, kept once per site in the dictionary (kind 'G'):
-- a site's visitors emit a handful of distinct strings. Inline only where the dictionary has none.
alter table event_text drop constraint event_text_kind_check;
alter table event_text add constraint event_text_kind_check check (kind in ('U', 'P', 'O', 'G'));
alter table consent_event add column gpp text check (char_length(gpp) <= 512), add column gpp_id bigint;

-- A new rules version in which the UK regime lets a site set analytics without consent. It copies
-- the current version, whatever an operator published since V5, and changes only the regime coded
-- UK; where there is none, no version is added.
insert into jurisdiction_rules (version, rules, published_at, published_by)
select j.version + 1,
       jsonb_set(j.rules, '{regimes}', (
           select jsonb_agg(case when r ->> 'code' = 'UK'
                                 then r || '{"exemptCategories": ["analytics"]}'::jsonb else r end order by n)
           from jsonb_array_elements(j.rules -> 'regimes') with ordinality as e(r, n))),
       now(), 'migration V29'
from jurisdiction_rules j
where j.version = (select max(version) from jurisdiction_rules)
  and exists (select 1 from jsonb_array_elements(j.rules -> 'regimes') r where r ->> 'code' = 'UK');
