home-title = Search common requests
home-heading = How can we help you?
search-title = Search results
search-heading = Search our services
home-search-label = Search common requests
search-label = Describe the problem or the service you need
search-hint = For example: pothole, streetlight out, barking dog, green cart not picked up
search-button = Search
search-count = { $count ->
    [one] 1 service matches “{ $query }”
   *[other] { $count } services match “{ $query }”
}
search-none = No service matches “{ $query }”
search-none-help = Try other words, browse the categories, or contact 311: an agent will find the right service with you.
common-heading = Common requests
categories-heading = Browse by category
service-not-online-tag = Not available online
