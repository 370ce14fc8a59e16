package org.papersift.web.view;

/**
 * A day, an ISO week or a month of papers.
 *
 * @param kind "day", "week" or "month"
 * @param heading what the page lists, e.g. "Tuesday 18 March 2025"
 * @param range the days a week covers ("17–23 March 2025"); null for days and months
 * @param previousUrl the period before; never null
 * @param nextUrl the period after; null when it would be after the newest papers
 * @param dayUrl the day, week and month holding this period's first day (for the switch)
 * @param date this period's first day (YYYY-MM-DD), for the date picker
 * @param trending sorted by votes rather than by date
 * @param empty no papers stored at all yet (the first-run page)
 */
public record DailyPage(String kind, String heading, String range, String previousUrl,
    String previousLabel, String nextUrl, String nextLabel, String dayUrl, String weekUrl,
    String monthUrl, String date, boolean trending, String publishedSortUrl,
    String trendingSortUrl, Listing listing, String feedUrl, boolean empty) {}
