//! Rendering one route: which views and template each kind of route
//! gets (`Renderer::render`), the site-wide pages (`special`) and the
//! generated files (`file`). The `Renderer` and its shared parts are in
//! the parent module.

use super::*;

impl<'s> Renderer<'s> {
    /// A generated file (data, feed, sitemap, …); `None` for pages.
    fn file(&self, route: &Route) -> Option<Vec<u8>> {
        let site = self.site;
        let from_downloads = |path: &str| {
            self.downloads()
                .iter()
                .find(|(d, _)| d.path == path)
                .map(|(_, b)| b.clone())
                .unwrap_or_default()
        };
        Some(match route {
            Route::Data(kind, format) => from_downloads(&outputs::data::path(*kind, *format)),
            Route::Ics => from_downloads(outputs::ics::PATH),
            Route::VCard(i) => outputs::vcard::partner(site, *i),
            Route::Catalog(format) => {
                let list: Vec<outputs::dcat::Download> =
                    self.downloads().iter().map(|(d, _)| d.clone()).collect();
                outputs::dcat::catalog(site, self.labels(), &list, *format)
            }
            Route::Feed => outputs::feed::feed(site, self.labels()),
            Route::Sitemap => match self.plan {
                Some(plan) => outputs::sitemap::sitemap(site, plan),
                None => outputs::sitemap::sitemap(site, &routes::plan(site)),
            },
            Route::Robots => outputs::sitemap::robots(site),
            Route::BrandCss => outputs::brand::css(site),
            Route::Cms(path) => outputs::cms::file(path, &site.config, &site.vocab),
            Route::SearchIndex(part) => {
                let idx = self.search_index();
                match part {
                    SearchPart::Meta => idx.meta.clone(),
                    SearchPart::Facets => idx.facets.clone(),
                    SearchPart::Terms(c) => idx
                        .shards
                        .get(*c)
                        .cloned()
                        .unwrap_or_else(|| b"{}\n".to_vec()),
                    SearchPart::Docs(n) => idx
                        .chunks
                        .get(*n)
                        .cloned()
                        .unwrap_or_else(|| b"[]\n".to_vec()),
                }
            }
            _ => return None,
        })
    }

    fn special(&self, special: Special, mut ctx: tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let path = format!("{}/", special.segment());
        let mut meta = self.meta(
            self.label(special.title_key()),
            None,
            &path,
            special.segment(),
        );
        let name = match special {
            Special::Fahrplan => {
                meta.description = Some(self.label("special_fahrplan_description"));
                ctx.insert(
                    "plan",
                    &fahrplan::fahrplan(&self.views, self.fahrplan_entries()),
                );
                "fahrplan.html"
            }
            Special::Netzwerk => {
                meta.description = Some(self.label("special_netzwerk_description"));
                ctx.insert("network", &special::network(&self.views));
                "netzwerk.html"
            }
            Special::Zahlen => {
                meta.description = Some(self.label("special_zahlen_description"));
                let current = self.views.current_offers();
                let mut figures = lists::figures(self.site, self.labels(), current.len());
                // Shown only when some goal is overdue, as a flag to act on.
                let overdue = special::overdue_goals(self.site);
                if overdue > 0 {
                    figures.push(lists::Figure {
                        label: self.label("figures_overdue_goals"),
                        value: overdue,
                        url: self.site.urls.link("vereinbarungen/"),
                    });
                }
                ctx.insert("figures", &figures);
                ctx.insert(
                    "charts",
                    &special::charts(self.site, self.labels(), current),
                );
                "zahlen.html"
            }
            Special::Suche => {
                meta.scripts.push(self.script("search.js"));
                ctx.insert("search_index", &self.site.urls.link("suche/index.json"));
                "suche.html"
            }
            Special::Daten => {
                meta.description = Some(self.label("special_daten_description"));
                let list: Vec<outputs::dcat::Download> =
                    self.downloads().iter().map(|(d, _)| d.clone()).collect();
                ctx.insert("data", &special::data(self.site, self.labels(), &list));
                "daten.html"
            }
        };
        self.template(name, &meta, ctx)
    }

    /// Renders one route.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let v = &self.views;
        if let Some(bytes) = self.file(&p.route) {
            return Ok(bytes);
        }
        let mut ctx = tera::Context::new();
        match &p.route {
            Route::Home => {
                let title = site.home.title.as_deref().unwrap_or(&site.config.title);
                let desc = site
                    .home
                    .description
                    .as_deref()
                    .or(site.config.description.as_deref());
                let mut meta = self.meta(title, desc, "", "");
                self.narrow(&mut meta, None, "");
                ctx.insert("home", &lists::home(v));
                ctx.insert("audiences", &lists::audiences(v));
                ctx.insert("regions", &lists::region_cards(v));
                let offers = v.current_offers().len();
                ctx.insert("figures", &lists::figures(site, self.labels(), offers));
                ctx.insert("practices", &lists::newest_practices(v, 3));
                self.template("index.html", &meta, ctx)
            }
            Route::NotFound => {
                let meta = self.meta(self.label("not_found_title"), None, "404.html", "");
                self.template("404.html", &meta, ctx)
            }
            Route::List(kind) => {
                let section = kind.section();
                let path = format!("{section}/");
                let mut meta = self.meta(self.label(kind.plural_key()), None, &path, section);
                let mut capacity = PAGE_CAPACITY;
                let name = match kind {
                    Kind::Region => {
                        ctx.insert("items", &lists::region_cards(v));
                        "regions.html"
                    }
                    Kind::Partner => {
                        ctx.insert("groups", &lists::partner_groups(v));
                        "partners.html"
                    }
                    Kind::Offer => {
                        meta.scripts.push(self.script("filter.js"));
                        capacity = self.insert_offer_list(&mut ctx, v.current_offers())?;
                        ctx.insert("facets", self.facets());
                        if site.has_past_offers() {
                            ctx.insert("archive_url", &site.urls.link(crate::routes::ARCHIVE));
                        }
                        "offers.html"
                    }
                    Kind::Practice => {
                        ctx.insert("items", &lists::practice_cards(v));
                        "practices.html"
                    }
                    Kind::Agreement => {
                        ctx.insert("items", &lists::agreement_cards(v));
                        "agreements.html"
                    }
                    Kind::Page => unreachable!("pages have no list"),
                };
                self.template_sized(name, &meta, ctx, capacity)
            }
            Route::Entity(kind, i) => {
                let i = *i;
                let c = site.common(*kind, i);
                let path = entity_path(*kind, &c.id);
                let summary = site.summary(*kind, i);
                let mut meta = self.meta(&c.title, summary, &path, kind.section());
                if *kind != Kind::Page {
                    meta.kind_label = Some(self.label(kind.label_key()));
                }
                meta.jsonld = Some(outputs::jsonld::entity_script(
                    site,
                    self.labels(),
                    *kind,
                    i,
                ));
                self.narrow(&mut meta, Some((*kind, &c.id)), &path);
                let name = match kind {
                    Kind::Region => {
                        ctx.insert("region", &v.region(i));
                        "region.html"
                    }
                    Kind::Partner => {
                        ctx.insert("partner", &v.partner(i));
                        "partner.html"
                    }
                    Kind::Offer => {
                        ctx.insert("offer", &v.offer(i));
                        "offer.html"
                    }
                    Kind::Practice => {
                        ctx.insert("practice", &v.practice(i));
                        "practice.html"
                    }
                    Kind::Agreement => {
                        ctx.insert("agreement", &v.agreement(i));
                        "agreement.html"
                    }
                    Kind::Page => {
                        if let Some(lang) = &site.pages[i].data.lang {
                            meta.lang = lang;
                            meta.dir = crate::link::version::is_rtl(lang).then_some("rtl");
                        }
                        ctx.insert("entry", &v.page(i));
                        "page.html"
                    }
                };
                self.template(name, &meta, ctx)
            }
            Route::Facet(facet, key) => {
                let (label, idx) = lists::facet_offers(v, *facet, key);
                let path = format!("angebote/{}/{key}/", facet.segment());
                let title = format!(
                    "{} – {}: {label}",
                    self.label(Kind::Offer.plural_key()),
                    self.label(facet.label_key())
                );
                let mut meta = self.meta(title, None, &path, "angebote");
                meta.scripts.push(self.script("filter.js"));
                ctx.insert(
                    "term",
                    &lists::FacetTerm {
                        facet: facet.segment(),
                        facet_label: self.label(facet.label_key()),
                        key,
                        label: &label,
                    },
                );
                let capacity = self.insert_offer_list(&mut ctx, &idx)?;
                ctx.insert("facets", self.facets());
                self.template_sized("offers_term.html", &meta, ctx, capacity)
            }
            Route::FahrplanGrade(n) => {
                let path = crate::routes::fahrplan_grade_path(*n);
                let title = format!(
                    "{}: {} {n}",
                    self.label("special_fahrplan"),
                    self.label("grade")
                );
                let meta = self.meta(title, None, &path, "berufswahlfahrplan");
                ctx.insert(
                    "grade",
                    &fahrplan::grade_page(v, self.fahrplan_entries(), *n),
                );
                ctx.insert("plan_url", &site.urls.link("berufswahlfahrplan/"));
                self.template("fahrplan_grade.html", &meta, ctx)
            }
            Route::Archive => {
                let path = crate::routes::ARCHIVE;
                let meta = self.meta(self.label("offers_archive"), None, path, "angebote");
                let capacity = self.insert_offer_list(&mut ctx, &site.past_offers())?;
                ctx.insert("offers_url", &site.urls.link("angebote/"));
                self.template_sized("offers_archive.html", &meta, ctx, capacity)
            }
            Route::Special(special) => self.special(*special, ctx),
            Route::Alias { to } => {
                let meta = self.meta(self.label("redirect_page_title"), None, to, "");
                ctx.insert("target", &site.urls.link(to));
                ctx.insert("target_canonical", &site.urls.absolute(to));
                self.template("redirect.html", &meta, ctx)
            }
            _ => unreachable!("generated files are handled by `file`"),
        }
    }
}
