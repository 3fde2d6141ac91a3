//! The home page (search box and categories) and the search results page.

use super::api::{get_overview, get_search_docs, CategorySummary};
use super::Code;
use super::{SearchDoc, SearchIndex};
use crate::errors::view_or_error;
use crate::i18n::Text;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// Results shown at most: more than this means the words were too vague, and the categories help better.
const MAX_RESULTS: usize = 8;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageTitle title=t("home-title")/>
        <ServiceSearch heading=t("home-heading") label="home-search-label" show_categories=true/>
    }
}

/// `/search?q=…`: where the search form goes without JavaScript, and where a shared link lands.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! {
        <PageTitle title=t("search-title")/>
        <ServiceSearch heading=t("search-heading") label="search-label" show_categories=false/>
    }
}

/// The search box with its results, which follow the typing once the page is interactive. The form is
/// a plain GET to `/search`, so the same results come from the server before the WebAssembly arrives.
#[component]
fn ServiceSearch(
    heading: impl Fn() -> String + Send + Sync + 'static,
    /// The search box's label: the guide's « Chercher les demandes communes » on the home page.
    label: &'static str,
    /// The home page lists the common requests and the categories under the results; the search page
    /// does not.
    show_categories: bool,
) -> impl IntoView {
    let initial = use_query_map().with_untracked(|params| params.get("q").unwrap_or_default());
    let query = RwSignal::new(initial.clone());
    let overview = OnceResource::new(get_overview());
    let index = BrowserIndex::new(&initial);
    view! {
        <h1>{heading}</h1>
        // A plain GET form, taken over once interactive: the router's `<Form>` would do the same for 9 kB
        // more of the first download.
        <form action="/search" role="search" class="search-form" on:submit=search_page(query)>
            <label for="search-q" class="search-label">{t(label)}</label>
            <p id="search-hint" class="hint">{t("search-hint")}</p>
            <div class="search-row">
                <input
                    id="search-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    maxlength="200"
                    aria-describedby="search-hint"
                    aria-controls="search-results"
                    // The attribute is for the server-rendered page (no JavaScript yet); the binding after.
                    value=initial.clone()
                    bind:value=query
                    // Typing may have begun before the page was interactive: input counts as a first visit
                    // to the box too.
                    on:focus=move |_| index.fetch()
                    on:input=move |_| index.fetch()
                />
                <button type="submit" class="button">{t("search-button")}</button>
            </div>
        </form>
        <SearchResults index query initial/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                view_or_error(overview.await.map(|overview| {
                    show_categories.then(|| view! {
                        <CommonRequests common=overview.common/>
                        <Categories categories=overview.categories/>
                    })
                }))
            })}
        </Suspense>
    }
}

/// Where the results come from. The browser searches its own index of the catalogue at every keystroke,
/// without a round trip; its documents (8 kB compressed) are fetched when the resident first goes to the
/// search box, not with every visit to the home page. Until they are there, the page shows the server's
/// results for the words it opened with (`/search?q=…`), rendered with the page.
#[derive(Clone, Copy)]
struct BrowserIndex {
    index: RwSignal<Option<Arc<SearchIndex>>>,
    requested: StoredValue<bool>,
    /// The server's results for the page's query; `None` when the page was not rendered by the server
    /// (a navigation in the browser), which then fetches its index at once.
    server_results: StoredValue<Option<Vec<SearchDoc>>>,
}

/// The index once the browser has fetched it, kept for the life of the page: going back to the home page
/// or submitting the form does not fetch the documents again. Never set on the server.
static FETCHED: std::sync::OnceLock<Arc<SearchIndex>> = std::sync::OnceLock::new();

impl BrowserIndex {
    fn new(initial: &str) -> Self {
        let query = initial.to_string();
        let server_results = SharedValue::new(move || {
            #[cfg(feature = "ssr")]
            return Some(super::api::search_on_server(&query, MAX_RESULTS));
            #[cfg(not(feature = "ssr"))]
            {
                let _ = query;
                None
            }
        })
        .into_inner();
        let fetched = FETCHED.get().cloned();
        let this = BrowserIndex {
            requested: StoredValue::new(fetched.is_some()),
            index: RwSignal::new(fetched),
            server_results: StoredValue::new(server_results),
        };
        if this.server_results.with_value(Option::is_none) && !initial.trim().is_empty() {
            this.fetch();
        }
        this
    }

    fn fetch(self) {
        if self.requested.get_value() {
            return;
        }
        self.requested.set_value(true);
        leptos::task::spawn_local(async move {
            match get_search_docs().await {
                Ok(docs) => self.index.set(Some(FETCHED.get_or_init(|| Arc::new(SearchIndex::new(docs))).clone())),
                // Tried again at the next keystroke; the form still searches on the server meanwhile.
                Err(_) => self.requested.set_value(false),
            }
        });
    }

    /// The results for `query`, or `None` while they cannot be known yet.
    fn results(self, query: &str, initial: &str) -> Option<Vec<SearchDoc>> {
        match self.index.get() {
            Some(index) => Some(index.search(query, MAX_RESULTS).into_iter().cloned().collect()),
            None if query == initial => self.server_results.get_value(),
            None => None,
        }
    }
}

/// Submitting the search form opens `/search?q=…` in the app, as the form would without JavaScript.
fn search_page(query: RwSignal<String>) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let navigate = use_navigate();
    move |event| {
        event.prevent_default();
        navigate(&routes::search(&query.get_untracked()), Default::default());
    }
}

#[component]
fn SearchResults(index: BrowserIndex, query: RwSignal<String>, initial: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // Announced to screen readers as the results change under the typing.
        <section id="search-results" class="search-results" aria-live="polite">
            {move || {
                let query = query.get();
                let found = index.results(&query, &initial);
                let (Some(found), false) = (found, query.trim().is_empty()) else {
                    return ().into_any();
                };
                let heading = if found.is_empty() {
                    i18n.t_args("search-none", &[("query", query.trim().to_string().into())])
                } else {
                    i18n.t_args("search-count", &[("count", found.len().into()), ("query", query.trim().to_string().into())])
                };
                view! {
                    <h2>{heading}</h2>
                    {if found.is_empty() {
                        view! {
                            <p>{t("search-none-help")}</p>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="result-list">
                                {found.into_iter().map(|doc| view! { <SearchResult doc/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn SearchResult(doc: SearchDoc) -> impl IntoView {
    let i18n = use_i18n();
    let SearchDoc { code, online, name, summary, category_name, .. } = doc;
    view! {
        <li class="result">
            <a href=routes::service(&code) class="result-link">{move || i18n.pick(&name)}</a>
            <p class="result-summary">{move || i18n.pick(&summary)}</p>
            <p class="result-meta">
                <span>{move || i18n.pick(&category_name)}</span>
                {(!online).then(|| view! { <span class="tag tag-offline">{t("service-not-online-tag")}</span> })}
            </p>
        </li>
    }
}

#[component]
fn CommonRequests(common: Vec<(Code, Text)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="common-requests" aria-labelledby="common-heading">
            <h2 id="common-heading">{t("common-heading")}</h2>
            <ul class="common-list">
                {common
                    .into_iter()
                    .map(|(code, name)| {
                        view! { <li><a href=routes::service(&code)>{move || i18n.pick(&name)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Categories(categories: Vec<CategorySummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="categories" aria-labelledby="categories-heading">
            <h2 id="categories-heading">{t("categories-heading")}</h2>
            <ul class="category-grid">
                {categories
                    .into_iter()
                    .map(|category| {
                        let (name, description) = (category.name, category.description);
                        view! {
                            <li class="category-card">
                                <a href=routes::category(&category.code)>{move || i18n.pick(&name)}</a>
                                <p>{move || i18n.pick(&description)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
