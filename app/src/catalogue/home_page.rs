//! The home page (search box and categories) and the search results page.

use super::api::{get_overview, CategorySummary};
use super::{SearchDoc, SearchIndex};
use crate::errors::view_or_error;
use crate::i18n::{t, use_i18n};
use crate::layout::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// Results shown at most: more than this means the words were too vague, and the categories help better.
const MAX_RESULTS: usize = 8;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageTitle title=t("home-title")/>
        <ServiceSearch heading=t("home-heading") show_categories=true/>
    }
}

/// `/search?q=…`: where the search form goes without JavaScript, and where a shared link lands.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! {
        <PageTitle title=t("search-title")/>
        <ServiceSearch heading=t("search-heading") show_categories=false/>
    }
}

/// The search box with its results, which follow the typing once the page is interactive. The form is
/// a plain GET to `/search`, so the same results come from the server before the WebAssembly arrives.
#[component]
fn ServiceSearch(
    heading: impl Fn() -> String + Send + Sync + 'static,
    /// The home page lists the categories under the results; the search page does not.
    show_categories: bool,
) -> impl IntoView {
    let initial = use_query_map().with_untracked(|params| params.get("q").unwrap_or_default());
    let query = RwSignal::new(initial.clone());
    let overview = OnceResource::new(get_overview());
    // The server searches with the index it built once for the catalogue; the browser builds its own, once,
    // from the documents that came with the page.
    #[cfg(feature = "ssr")]
    let server_index = crate::ssr::server_context().search;
    view! {
        <h1>{heading}</h1>
        // A plain GET form, taken over once interactive: the router's `<Form>` would do the same for 9 kB
        // more of the first download.
        <form action="/search" role="search" class="search-form" on:submit=search_page(query)>
            <label for="search-q" class="search-label">{t("search-label")}</label>
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
                    value=initial
                    bind:value=query
                />
                <button type="submit" class="button">{t("search-button")}</button>
            </div>
        </form>
        <Suspense fallback=|| ()>
            {move || {
                #[cfg(feature = "ssr")]
                let server_index = server_index.clone();
                Suspend::new(async move {
                view_or_error(overview.await.map(|overview| {
                    #[cfg(feature = "ssr")]
                    let index = server_index;
                    #[cfg(not(feature = "ssr"))]
                    let index = Arc::new(SearchIndex::new(overview.docs));
                    let categories = show_categories.then_some(overview.categories);
                    view! {
                        <SearchResults index query/>
                        {categories.map(|categories| view! { <Categories categories/> })}
                    }
                }))
            })
            }}
        </Suspense>
    }
}

/// Submitting the search form opens `/search?q=…` in the app, as the form would without JavaScript.
fn search_page(query: RwSignal<String>) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let navigate = use_navigate();
    move |event| {
        event.prevent_default();
        let q: String = form_urlencoded::byte_serialize(query.get_untracked().as_bytes()).collect();
        navigate(&format!("/search?q={q}"), Default::default());
    }
}

#[component]
fn SearchResults(index: Arc<SearchIndex>, query: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let results = move || {
        let query = query.get();
        let found: Vec<SearchDoc> = index.search(&query, MAX_RESULTS).into_iter().cloned().collect();
        (query, found)
    };
    view! {
        // Announced to screen readers as the results change under the typing.
        <section id="search-results" class="search-results" aria-live="polite">
            {move || {
                let (query, found) = results();
                if query.trim().is_empty() {
                    return ().into_any();
                }
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
            <a href=format!("/services/{code}") class="result-link">{move || i18n.pick(&name)}</a>
            <p class="result-summary">{move || i18n.pick(&summary)}</p>
            <p class="result-meta">
                <span>{move || i18n.pick(&category_name)}</span>
                {(!online).then(|| view! { <span class="tag tag-offline">{t("service-not-online-tag")}</span> })}
            </p>
        </li>
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
                                <a href=format!("/categories/{}", category.code)>{move || i18n.pick(&name)}</a>
                                <p>{move || i18n.pick(&description)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
