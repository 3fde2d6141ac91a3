//! Live chat's pages: the resident's conversation, "My chats", and the agents' console.

mod desk;
mod live;
mod mine;
mod resident;

use desk::DeskPage;
use mine::MyChatsPage;
use resident::ChatPage;

lazy_page!(ChatRoute, ChatPage);
lazy_page!(MyChatsRoute, MyChatsPage);
lazy_page!(DeskRoute, DeskPage);
