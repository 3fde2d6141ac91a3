//! Step 1, "Where is it?": the resident types a civic address, two streets ("Brady & Paris") or a named
//! place (« parc Bell ») and picks one of the suggestions (radio buttons, updated as they type); or lets
//! the browser locate them and gets the nearest address; or puts a pin on a map (`map.rs`). Then, if
//! they like, where exactly, in their own words. Without JavaScript, "Find" reloads the page with the
//! suggestions and the map's buttons reload it with the map moved. The agent's one-page form (intake)
//! uses the same picker.

use super::map::MapPicker;
use crate::addresses::map::MapView;
use crate::addresses::{get_map, pin_place, suggest_places, Suggestion};
use crate::components::{action_error, problem_for, ErrorSummary, ProblemLine, SubmitButton, TextField};
use crate::errors::{AppError, Field};
use crate::i18n::PAGE_FORM;
use crate::i18n::{t, use_i18n, Arg};
use crate::requests::api::SavePlace;
use crate::requests::model::{DraftView, KEPT_PLACE};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn Where(view: DraftView) -> impl IntoView {
    let action = ServerAction::<SavePlace>::new();
    let AddressPicker { search, choices, error } = address_picker(&view, action_error(action.value()), false);
    view! {
        <ErrorSummary error/>
        {search}
        <ActionForm action attr:id=PAGE_FORM attr:novalidate=true attr:class="form">
            <input type="hidden" name="draft" value=view.id.as_str().to_string()/>
            {choices}
            <SubmitButton label="step-continue" pending=action.pending()/>
        </ActionForm>
    }
}

/// The place box and what it suggests, for the wizard's first step and the agent's one-page form
/// (intake), in two parts: the search (and the map), which stand outside any other form (Enter there
/// searches), and the choices with "where exactly", which go inside the form that saves.
pub struct AddressPicker {
    pub search: AnyView,
    pub choices: AnyView,
    /// `saved`'s problem, or "use my location"'s, or the map's, for the page's error summary.
    pub error: Signal<Option<AppError>>,
}

/// The picker for `view`'s draft; `saved` is the problem of the form that saves the choice. With
/// `focus`, the address box has the focus when the page opens (an agent types at once).
pub fn address_picker(view: &DraftView, saved: Signal<Option<AppError>>, focus: bool) -> AddressPicker {
    let i18n = use_i18n();
    let params = use_query_map().get_untracked();
    let initial = params.get("q").unwrap_or_default();
    let query = RwSignal::new(initial.clone());
    let suggestions = Resource::new(
        move || query.get(),
        |query| async move {
            match query.trim().is_empty() {
                true => Ok(vec![]),
                false => suggest_places(query).await,
            }
        },
    );
    // The map, open when the page's address says where (`?map=46.49062,-80.99282,16`), and the place
    // its pin is on.
    let map = RwSignal::new(params.get("map").and_then(|text| MapView::parse(&text)));
    let pinned = Resource::new(
        move || map.get().map(|at| (at.latitude, at.longitude)),
        |at| async move {
            match at {
                Some((latitude, longitude)) => Some(pin_place(latitude, longitude).await),
                None => None,
            }
        },
    );
    let located = RwSignal::new(None::<Suggestion>);
    let locate_error = RwSignal::new(None::<AppError>);
    let pin_error = move || pinned.get().flatten().and_then(Result::err);
    let error = Signal::derive(move || locate_error.get().or_else(pin_error).or_else(|| saved.get()));
    let address_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(input)) = (focus, address_box.get()) {
            let _ = input.focus();
        }
    });
    // An agent filing for a caller is not where the problem is.
    let can_locate = view.for_caller.is_none();
    // The place the draft has is offered as it is ("kept"): a corner or a place is not found again from
    // its label.
    let chosen = view.place.clone().map(|place| Suggestion {
        value: KEPT_PLACE.to_string(),
        label: place.label,
        latitude: place.latitude,
        longitude: place.longitude,
    });
    let choices = move || {
        let found: Vec<Suggestion> = suggestions.get().and_then(Result::ok).unwrap_or_default();
        let pin = map.get().and(pinned.get().flatten().and_then(Result::ok));
        let first = pin.or_else(|| located.get()).or_else(|| chosen.clone());
        let selected = first.as_ref().map(|place| place.value.clone());
        let mut options: Vec<Suggestion> = first.into_iter().collect();
        for place in found {
            if !options.iter().any(|other| other.value == place.value) {
                options.push(place);
            }
        }
        (options, selected)
    };
    // The suggestions are read inside the Transition only: read outside it, they would be read inside
    // the page's Suspense, which would then redraw the page as each letter is typed, taking the focus
    // out of the address box. The count for the live region comes out of the Transition by this signal.
    let shown = RwSignal::new(0usize);
    let found = move || {
        let count = shown.get();
        (!query.get().trim().is_empty()).then(|| i18n.t_args("where-found", &[("count", Arg::from(count))]))
    };
    let href = map_href(query);
    let note = view.place_note.as_str().to_string();
    // The map opens on the place already chosen, if there is one.
    let centre_on = view.place.as_ref().map(|place| (place.latitude, place.longitude));
    let search = view! {
        <form method="get" class="address-search" on:submit=|ev| ev.prevent_default()>
            <label for="address-query">{t("where-query-label")}</label>
            <p class="hint" id="address-query-hint">{t("where-query-hint")}</p>
            <div class="search-row">
                <input
                    id="address-query"
                    name="q"
                    type="search"
                    autocomplete="off"
                    autofocus=focus
                    node_ref=address_box
                    aria-describedby="address-query-hint"
                    aria-controls="address"
                    prop:value=initial
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <button type="submit" class="button button-secondary">{t("where-find")}</button>
            </div>
            {map.get_untracked().map(|at| view! { <input type="hidden" name="map" value=at.param()/> })}
        </form>
        <OtherWays can_locate located locate_error map href centre_on/>
    }
    .into_any();
    let choices = view! {
        // One live region for the whole page: a screen reader announces each new count.
        <p class="visually-hidden" aria-live="polite">{found}</p>
        <Transition fallback=|| ()>
            {move || {
                shown.set(suggestions.get().and_then(Result::ok).map_or(0, |found| found.len()));
                let (options, selected) = choices();
                view! { <AddressChoices options selected error/> }
            }}
        </Transition>
        <TextField field=Field::PlaceNote error hint="where-note-hint" value=note/>
    }
    .into_any();
    AddressPicker { search, choices, error }
}

/// The page's address with the map at `at` (and what was typed), for the map's links.
fn map_href(query: RwSignal<String>) -> Callback<MapView, String> {
    let location = use_location();
    Callback::new(move |at: MapView| {
        let mut address = form_urlencoded::Serializer::new(String::new());
        if !query.get_untracked().is_empty() {
            address.append_pair("q", &query.get_untracked());
        }
        address.append_pair("map", &at.param());
        format!("{}?{}#map", location.pathname.get_untracked(), address.finish())
    })
}

/// The ways to say where besides typing: "use my location" (once the page runs, and not for an agent,
/// who is not where the problem is) and the map.
#[component]
fn OtherWays(
    can_locate: bool,
    located: RwSignal<Option<Suggestion>>,
    locate_error: RwSignal<Option<AppError>>,
    map: RwSignal<Option<MapView>>,
    href: Callback<MapView, String>,
    centre_on: Option<(f64, f64)>,
) -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_map());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let locate = move |_| {
        locate_error.set(None);
        locate_me(move |found| match found {
            Ok(place) => located.set(Some(place)),
            Err(error) => locate_error.set(Some(error)),
        });
    };
    view! {
    <div class="where-other-ways">
        <Show when=move || hydrated.get() && can_locate>
            <button type="button" class="button button-secondary" on:click=locate>{t("where-locate")}</button>
        </Show>
        <Transition fallback=|| ()>
            {move || settings.get().and_then(Result::ok).flatten().map(|settings| {
                let open = move |event: leptos::ev::MouseEvent| {
                    event.prevent_default();
                    let from = located.get().map(|place| (place.latitude, place.longitude)).or(centre_on);
                    let at = from.map_or(settings.centre, |(latitude, longitude)| MapView { latitude, longitude, zoom: 17 });
                    map.set(Some(at));
                };
                view! {
                    <Show when=move || map.get().is_none()>
                        <a class="button button-secondary" href=move || href.run(settings.centre) on:click=open>
                            {t("where-map-open")}
                        </a>
                    </Show>
                    <Show when=move || map.get().is_some()>
                        <MapPicker settings=settings.clone() view=map href/>
                    </Show>
                }
            })}
        </Transition>
    </div>
    }
}

#[component]
fn AddressChoices(
    options: Vec<Suggestion>,
    selected: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = problem_for(error, Field::Address);
    let empty = options.is_empty();
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <fieldset aria-describedby=move || problem().map(|_| "address-error")>
                <legend>{t("field-address")}</legend>
                {move || problem().map(|problem| view! { <ProblemLine id="address-error" problem/> })}
                {empty.then(|| view! { <p class="hint" id="address">{t("where-none")}</p> })}
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(index, place)| {
                        let input_id = if index == 0 { "address".to_string() } else { format!("address-{index}") };
                        let checked = selected.as_ref() == Some(&place.value);
                        // Shown in the page's language (« 200, rue Brady », « Parc Bell »).
                        let label = place.label.clone();
                        view! {
                            <div class="choice">
                                // The property too: a radio the resident has touched no longer follows its attribute.
                                <input type="radio" id=input_id.clone() name="address" value=place.value checked=checked prop:checked=checked/>
                                <label for=input_id>{move || crate::addresses::written(&label, i18n.lang())}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// Asks the browser where the resident is, then the server for the nearest address.
fn locate_me(done: impl FnOnce(Result<Suggestion, AppError>) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast, JsValue};
        let failed = || AppError::field(Field::Address, crate::errors::Problem::LocationUnavailable);
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            return done(Err(failed()));
        };
        let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
        let on_error = done.clone();
        let found = Closure::once_into_js(move |position: web_sys::Position| {
            let coords = position.coords();
            let (latitude, longitude) = (coords.latitude(), coords.longitude());
            leptos::task::spawn_local(async move {
                let result = crate::addresses::nearest_place(latitude, longitude).await;
                if let Some(done) = done.borrow_mut().take() {
                    done(result);
                }
            });
        });
        let refused = Closure::once_into_js(move |_: JsValue| {
            if let Some(done) = on_error.borrow_mut().take() {
                done(Err(failed()));
            }
        });
        let _ =
            geolocation.get_current_position_with_error_callback(found.unchecked_ref(), Some(refused.unchecked_ref()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = done;
}
